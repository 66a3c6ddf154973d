package dev.qrbeam.core.send;

import dev.qrbeam.core.relay.RelayClient;
import dev.qrbeam.relay.core.DirectDownloads;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The "Download directly" offers of one send (phone page, built-in relay only): registers a source file with the
 * built-in relay's {@link DirectDownloads} when the paired receiver asks over the encrypted channel, counts the
 * downloads still running, and withdraws every offer when the send ends. Offered only to a receiver paired through
 * the built-in relay itself (a phone on the same network); the download is not end-to-end encrypted.
 */
public final class DirectOffers {
    private final DirectDownloads downloads;
    private final RelayClient lan;
    private final Set<String> paths = ConcurrentHashMap.newKeySet();
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    /** @param lan the sender's connection to its built-in relay */
    public DirectOffers(DirectDownloads downloads, RelayClient lan) {
        this.downloads = downloads;
        this.lan = lan;
    }

    /** Whether a receiver reached through {@code via} can download directly. */
    boolean available(RelayClient via) {
        return via == lan;
    }

    /** Offers {@code f}; returns the URL path. {@code completed} runs once, after its last byte was served. */
    String offer(SourceFile f, LongConsumer progress, Runnable completed) {
        String[] path = new String[1];
        path[0] = downloads.offer(new DirectDownloads.Offer(
                f.path(),
                f.size(),
                f.modifiedMillis(),
                f.path().getFileName().toString(),
                HexFormat.of().formatHex(f.sha256()),
                progress,
                () -> {
                    running.remove(path[0]);
                    completed.run();
                }));
        paths.add(path[0]);
        running.add(path[0]);
        return path[0];
    }

    /** Direct downloads offered and not yet completed. */
    int running() {
        return running.size();
    }

    /** Withdraws every offer of this send. */
    void revokeAll() {
        paths.forEach(downloads::revoke);
        paths.clear();
        running.clear();
    }
}
