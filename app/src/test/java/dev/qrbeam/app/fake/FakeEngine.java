package dev.qrbeam.app.fake;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.FileProgress;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.api.TransferEngine;
import dev.qrbeam.core.api.TransferFailure;
import dev.qrbeam.core.api.TransferHandle;
import dev.qrbeam.core.api.TransferListener;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Test double of the engine seam for pure UI tests: copies files from sender to receiver through
 * {@link FakeRelay} in 64 KiB steps on a background thread, with the seam's states, progress, cancel on
 * either side and ".part" files renamed only when complete. Not a transfer protocol.
 */
public final class FakeEngine implements TransferEngine {
    private static final int CHUNK = 64 * 1024;
    private final FakeRelay relay;
    private final SecureRandom random = new SecureRandom();

    public FakeEngine(FakeRelay relay) {
        this.relay = relay;
    }

    record Entry(Path source, String relative, long size) {
    }

    @Override
    public SendHandle send(List<Path> sources, TransferListener listener) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Path s : sources) {
            if (!Files.exists(s)) {
                throw new NoSuchFileException(s.toString());
            }
            Path base = s.toAbsolutePath().getParent();
            try (Stream<Path> walk = Files.walk(s)) {
                for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                    entries.add(new Entry(f, base.relativize(f).toString().replace('\\', '/'), Files.size(f)));
                }
            }
        }
        String id = token(16);
        String code = "http://127.0.0.1:9/r/1/" + id + "#" + token(32);
        Outgoing out = new Outgoing(code, entries, listener);
        relay.waiting.put(code, out);
        out.publish(TransferState.WAITING, null);
        return out;
    }

    @Override
    public TransferHandle receive(String pairingCode, Path destination, TransferListener listener) {
        Incoming in = new Incoming(listener);
        Thread t = new Thread(() -> in.run(pairingCode, destination), "fake-receive");
        t.setDaemon(true);
        t.start();
        return in;
    }

    @Override
    public void close() {
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Shared progress bookkeeping of one side. */
    abstract static class Side implements TransferHandle {
        final TransferListener listener;
        final CompletableFuture<TransferProgress> completion = new CompletableFuture<>();
        volatile TransferProgress progress = new TransferProgress(TransferState.WAITING, 0, 0, 0, null, 0, List.of(), null);
        volatile boolean cancelled;
        List<Entry> entries = List.of();
        long[] done = new long[0];
        TransferState[] fileStates = new TransferState[0];

        Side(TransferListener listener) {
            this.listener = listener;
        }

        synchronized void publish(TransferState state, TransferFailure failure) {
            if (progress.state().isTerminal()) {
                return;
            }
            List<FileProgress> files = new ArrayList<>();
            long total = 0;
            long sum = 0;
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                TransferState fs = state.isTerminal() && state != TransferState.DONE && fileStates[i] != TransferState.DONE ? state : fileStates[i];
                files.add(new FileProgress(e.relative(), e.size(), done[i], fs == null ? TransferState.WAITING : fs));
                total += e.size();
                sum += done[i];
            }
            progress = new TransferProgress(state, total, sum, state == TransferState.TRANSFERRING ? 50e6 : 0,
                    state == TransferState.TRANSFERRING ? Duration.ofSeconds(3) : null, 0, files, failure);
            listener.onProgress(progress);
            if (state.isTerminal()) {
                completion.complete(progress);
            }
        }

        void setEntries(List<Entry> list) {
            entries = list;
            done = new long[list.size()];
            fileStates = new TransferState[list.size()];
        }

        @Override
        public TransferProgress progress() {
            return progress;
        }

        @Override
        public CompletableFuture<TransferProgress> completion() {
            return completion;
        }
    }

    final class Outgoing extends Side implements SendHandle {
        final String code;
        final Instant expires = Instant.now().plus(Duration.ofMinutes(10));
        volatile Incoming peer;

        Outgoing(String code, List<Entry> entries, TransferListener listener) {
            super(listener);
            this.code = code;
            setEntries(entries);
        }

        @Override
        public String pairingCode() {
            return code;
        }

        @Override
        public Instant expiresAt() {
            return expires;
        }

        @Override
        public URI relay() {
            return URI.create("ws://127.0.0.1:9/");
        }

        @Override
        public void cancel() {
            cancelled = true;
            relay.chunkPermits.release();
            relay.waiting.remove(code);
            if (peer == null) {
                publish(TransferState.CANCELLED, new TransferFailure(FailureCode.CANCELLED_LOCALLY, "cancelled"));
            }
        }
    }

    final class Incoming extends Side {
        Incoming(TransferListener listener) {
            super(listener);
        }

        @Override
        public void cancel() {
            cancelled = true;
            relay.chunkPermits.release();
        }

        void run(String code, Path destination) {
            publish(TransferState.WAITING, null);
            Outgoing out = relay.waiting.remove(code);
            if (out == null || out.cancelled) {
                publish(TransferState.FAILED, new TransferFailure(FailureCode.CODE_INVALID, "unknown code"));
                return;
            }
            out.peer = this;
            setEntries(out.entries);
            out.publish(TransferState.PAIRING, null);
            publish(TransferState.PAIRING, null);
            List<Path> parts = new ArrayList<>();
            try {
                for (int i = 0; i < entries.size(); i++) {
                    Entry e = entries.get(i);
                    Path target = destination.resolve(e.relative());
                    Files.createDirectories(target.getParent());
                    Path part = target.resolveSibling(target.getFileName() + ".part");
                    parts.add(part);
                    fileStates[i] = TransferState.TRANSFERRING;
                    out.fileStates[i] = TransferState.TRANSFERRING;
                    try (InputStream src = Files.newInputStream(e.source()); OutputStream dst = Files.newOutputStream(part)) {
                        byte[] buf = new byte[CHUNK];
                        for (int n = src.read(buf); n > 0; n = src.read(buf)) {
                            if (relay.paced) {
                                relay.chunkPermits.acquire();
                            }
                            if (cancelled || out.cancelled) {
                                throw new CancelledException(cancelled);
                            }
                            dst.write(buf, 0, n);
                            done[i] += n;
                            out.done[i] += n;
                            publish(TransferState.TRANSFERRING, null);
                            out.publish(TransferState.TRANSFERRING, null);
                        }
                    }
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                    fileStates[i] = TransferState.DONE;
                    out.fileStates[i] = TransferState.DONE;
                }
                publish(TransferState.VERIFYING, null);
                out.publish(TransferState.DONE, null);
                publish(TransferState.DONE, null);
            } catch (CancelledException c) {
                deleteAll(parts);
                out.publish(TransferState.CANCELLED, new TransferFailure(
                        c.byReceiver ? FailureCode.CANCELLED_BY_PEER : FailureCode.CANCELLED_LOCALLY, "cancelled"));
                publish(TransferState.CANCELLED, new TransferFailure(
                        c.byReceiver ? FailureCode.CANCELLED_LOCALLY : FailureCode.CANCELLED_BY_PEER, "cancelled"));
            } catch (IOException | InterruptedException e) {
                deleteAll(parts);
                out.publish(TransferState.FAILED, new TransferFailure(FailureCode.IO, e.toString()));
                publish(TransferState.FAILED, new TransferFailure(FailureCode.IO, e.toString()));
            }
        }

        private void deleteAll(List<Path> parts) {
            for (Path p : parts) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort in a test double
                }
            }
        }
    }

    static final class CancelledException extends Exception {
        final boolean byReceiver;

        CancelledException(boolean byReceiver) {
            this.byReceiver = byReceiver;
        }
    }
}
