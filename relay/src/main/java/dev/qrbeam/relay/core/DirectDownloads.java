package dev.qrbeam.relay.core;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * Files a sender on this machine lets a phone download natively ("Download directly") from its built-in relay:
 * {@code GET /d/<token>} with {@code Content-Length}, a strong {@code ETag} (the file's SHA-256), {@code Range}
 * (206) and {@code If-Match}. Not end-to-end encrypted: the bytes cross the local network as they are. A token is
 * 128 random bits, names one file, is created only at the request of the paired receiver over the encrypted
 * channel, and is used up once the file's last byte has been served (ranges may resume until then) or when the
 * sender revokes it. Thread-safe.
 */
public final class DirectDownloads {
    /** URL path prefix of a download. */
    public static final String PREFIX = "/d/";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Offer> offers = new ConcurrentHashMap<>();

    /**
     * One offered file. {@code progress} hears the highest byte offset served so far; {@code completed} runs once
     * when the file's last byte went out.
     */
    public record Offer(
            Path file,
            long size,
            long modifiedMillis,
            String name,
            String sha256Hex,
            LongConsumer progress,
            Runnable completed) {}

    /** Registers an offer; returns its URL path ({@code /d/<token>}). */
    public String offer(Offer offer) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        offers.put(token, offer);
        return PREFIX + token;
    }

    /** Withdraws an offer by its path; a download in progress stops at its next chunk. */
    public void revoke(String path) {
        if (path != null && path.startsWith(PREFIX)) {
            offers.remove(path.substring(PREFIX.length()));
        }
    }

    /** The offer of a token, or null. */
    public Offer find(String token) {
        return token == null ? null : offers.get(token);
    }

    /** Marks a token used up (its last byte was served). */
    public void served(String token) {
        Offer o = offers.remove(token);
        if (o != null) {
            o.completed().run();
        }
    }
}
