package dev.qrbeam.relay.core;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Resume tokens: {@code base64url(HMAC-SHA256(relayKey, connectionId))} without padding. Whoever holds the
 * token of an id may rebind that id to a new connection. With a persisted key, tokens survive relay restarts.
 */
public final class ResumeTokens {
    public static final int KEY_BYTES = 32;
    private final SecretKeySpec key;

    public ResumeTokens(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("relay key must have at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** Tokens with a fresh random key (ids do not survive a restart). */
    public static ResumeTokens random() {
        byte[] k = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(k);
        return new ResumeTokens(k);
    }

    /** Reads the key from {@code file}, creating it (32 random bytes, owner-only) if it does not exist. */
    public static ResumeTokens fromKeyFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] k = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(k);
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.write(file, k, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
        }
        return new ResumeTokens(Files.readAllBytes(file));
    }

    public String token(String connectionId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(connectionId));
    }

    /** Constant-time check of a presented token. */
    public boolean verify(String connectionId, String token) {
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(connectionId), presented);
    }

    private byte[] mac(String connectionId) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(connectionId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
