package dev.qrbeam.relay.core;

import dev.qrbeam.protocol.crypto.Hkdf;
import dev.qrbeam.protocol.crypto.RelayResumeProof;
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
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Resume tokens (docs/protocol.md §8). Seed-style: {@code base64url(HMAC-SHA256(relayKey, connectionId))} without
 * padding — whoever holds it may rebind that id, so on plain {@code ws://} a sniffer can take the id over.
 * Bound (the client sent an X25519 {@code resumekey} C): the token is
 * {@code base64url(HMAC-SHA256(HKDF(relayKey, "qrbeam bound resume v1"), id ‖ 0x00 ‖ C))}, the seed-style token of
 * that id is never revealed, and a resume must also carry a {@link RelayResumeProof} made with C's private key for
 * the resuming connection. Stateless: with a persisted key, both kinds survive relay restarts.
 */
public final class ResumeTokens {
    public static final int KEY_BYTES = 32;
    private final SecretKeySpec key;
    private final SecretKeySpec boundKey;
    private final byte[] relayPrivate;
    private final String relayPublic;

    public ResumeTokens(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("relay key must have at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.boundKey = new SecretKeySpec(Hkdf.derive(key, null, "qrbeam bound resume v1", 32), "HmacSHA256");
        this.relayPrivate = Hkdf.derive(key, null, "qrbeam relay x25519 v1", RelayResumeProof.KEY_BYTES);
        this.relayPublic =
                Base64.getUrlEncoder().withoutPadding().encodeToString(RelayResumeProof.publicKey(relayPrivate));
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

    /** The relay's X25519 public key, base64url: sent to clients that asked for a bound id. */
    public String relayKey() {
        return relayPublic;
    }

    /** The token of an id bound to the client key {@code clientKey} (base64url as the client sent it). */
    public String boundToken(String connectionId, String clientKey) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac(boundKey, connectionId + "\u0000" + clientKey));
    }

    /**
     * Checks a bound resume of {@code connectionId} on the connection now called {@code newId}: the token binds the
     * id to {@code clientKey}, and {@code proof} shows the client holds its private key (constant-time compares).
     */
    public boolean verifyBound(String connectionId, String clientKey, String token, String newId, String proof) {
        byte[] presentedToken = decode(token);
        byte[] presentedProof = decode(proof);
        byte[] client = decode(clientKey);
        if (presentedToken == null
                || presentedProof == null
                || client == null
                || !MessageDigest.isEqual(mac(boundKey, connectionId + "\u0000" + clientKey), presentedToken)) {
            return false;
        }
        try {
            return MessageDigest.isEqual(
                    RelayResumeProof.proof(relayPrivate, client, connectionId, newId), presentedProof);
        } catch (GeneralSecurityException e) {
            return false; // not a usable X25519 key
        }
    }

    private static byte[] decode(String s) {
        try {
            return s == null ? null : Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private byte[] mac(String connectionId) {
        return mac(key, connectionId);
    }

    private static byte[] mac(SecretKeySpec k, String message) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(k);
            return m.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
