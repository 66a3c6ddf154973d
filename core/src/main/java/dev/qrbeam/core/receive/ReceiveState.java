package dev.qrbeam.core.receive;

import dev.qrbeam.core.store.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where a receiver keeps what it needs to resume: {@code <stateDir>/receive/<senderId>-<hash of destination>/}
 * with its receiver token (which the sender's gate recognises after a restart) and the chunk store's journal, all
 * owner-only ({@link PrivateFiles}).
 */
final class ReceiveState {
    private final Path dir;

    private ReceiveState(Path dir) {
        this.dir = dir;
    }

    static ReceiveState of(Path stateDir, String senderId, Path destination) {
        String key;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(destination.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            key = senderId + "-" + HexFormat.of().formatHex(h, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new ReceiveState(stateDir.resolve("receive").resolve(key));
    }

    Path dir() {
        return dir;
    }

    Path storeDir() {
        return dir.resolve("store");
    }

    /** The receiver token for this transfer, created on first use. */
    byte[] token(SecureRandom random) throws IOException {
        Path f = dir.resolve("token");
        if (Files.isRegularFile(f) && Files.size(f) == 16) {
            return Files.readAllBytes(f);
        }
        byte[] t = new byte[16];
        random.nextBytes(t);
        PrivateFiles.write(f, t);
        return t;
    }

    /**
     * True once this receiver sent a claim for the transfer: from then on it handshakes as a resuming receiver
     * (proof, never the token again). Recorded before the first claim is sent.
     */
    boolean claimed() {
        return Files.exists(dir.resolve("claimed"));
    }

    /** Records (or, after the sender's {@code resume-unknown}, forgets) that a claim was sent. */
    void claimed(boolean sent) throws IOException {
        Path f = dir.resolve("claimed");
        if (sent) {
            Files.createDirectories(dir);
            if (!Files.exists(f)) {
                Files.createFile(f);
            }
        } else {
            Files.deleteIfExists(f);
        }
    }

    /** Removes the whole resume state (after success or cancel). */
    void delete() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
