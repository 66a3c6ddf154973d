package dev.qrbeam.relay.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's TLS context from PEM files, read again when they change: at most once per {@value #CHECK_MILLIS} ms a
 * new connection looks at both files' modification times and sizes (certbot renews by pointing the {@code live/}
 * links at new files). New connections get the new certificate; open ones keep theirs. A pair that does not load
 * or does not match (the certificate's public key is not the key's: a renewal caught half-way) is not used; the
 * previous context stays until a later check finds a good pair. Thread-safe.
 */
public final class ReloadingTls {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingTls.class);
    static final long CHECK_MILLIS = 1000;

    private final TlsFiles files;
    private volatile SslContext context;
    private volatile Stamp loaded;
    private Stamp failed;
    private long nextCheck;

    private ReloadingTls(TlsFiles files, SslContext context, Stamp loaded) {
        this.files = files;
        this.context = context;
        this.loaded = loaded;
        this.nextCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS);
    }

    /** Loads the files now; a relay does not start with a bad certificate or key. */
    public static ReloadingTls load(TlsFiles files) throws IOException {
        Stamp stamp = Stamp.of(files);
        return new ReloadingTls(files, build(files), stamp);
    }

    /** The context for a new connection, reloaded first if the files changed. */
    public SslContext current() {
        long now = System.nanoTime();
        synchronized (this) {
            if (now - nextCheck >= 0) {
                nextCheck = now + TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS);
                reloadIfChanged();
            }
        }
        return context;
    }

    private void reloadIfChanged() {
        Stamp now;
        try {
            now = Stamp.of(files);
        } catch (IOException e) {
            now = null;
        }
        if (now == null || now.equals(loaded) || now.equals(failed)) {
            return;
        }
        try {
            context = build(files);
            loaded = now;
            failed = null;
            LOG.info("TLS certificate reloaded from {}", files.certificateChain());
        } catch (IOException e) {
            failed = now;
            LOG.warn("TLS files changed but cannot be used (keeping the previous certificate): {}", e.getMessage());
        }
    }

    private static SslContext build(TlsFiles files) throws IOException {
        X509Certificate[] chain = PemFiles.certificates(files.certificateChain());
        PrivateKey key = PemFiles.privateKey(files.privateKey());
        checkPair(key, chain[0], files);
        try {
            return SslContextBuilder.forServer(key, chain).build();
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot use " + files + ": " + e.getMessage(), e);
        }
    }

    /** The key must belong to the leaf certificate: sign a random value with it, verify with the certificate. */
    private static void checkPair(PrivateKey key, X509Certificate leaf, TlsFiles files) throws IOException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(algorithm);
            v.initVerify(leaf.getPublicKey());
            v.update(probe);
            if (v.verify(sig)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's: a mismatch
        }
        throw new IOException(
                files.privateKey() + " is not the key of the first certificate in " + files.certificateChain());
    }

    /** What identifies a version of the two files. */
    private record Stamp(FileTime certTime, long certSize, FileTime keyTime, long keySize) {
        static Stamp of(TlsFiles f) throws IOException {
            Path c = f.certificateChain();
            Path k = f.privateKey();
            return new Stamp(Files.getLastModifiedTime(c), Files.size(c), Files.getLastModifiedTime(k), Files.size(k));
        }
    }
}
