package dev.qrbeam.relay.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1, made at test time with the JDK's own {@code keytool} (no extra library),
 * written as PEM the way certbot writes {@code fullchain.pem} and {@code privkey.pem} (PKCS#8).
 *
 * @param certificate the certificate (subject {@code CN=<name>}, SAN {@code IP:127.0.0.1})
 * @param key         its private key
 */
public record SelfSignedCert(X509Certificate certificate, PrivateKey key) {
    private static final char[] PASS = "changeit".toCharArray();

    /** Generates a key pair ({@code EC} or {@code RSA}) and certificate in {@code dir} (scratch files). */
    public static SelfSignedCert generate(Path dir, String name, String keyAlgorithm) throws IOException {
        Path store = Files.createTempFile(dir, "ks", ".p12");
        Files.delete(store);
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(
                keytool,
                "-genkeypair",
                "-alias",
                "relay",
                "-keyalg",
                keyAlgorithm,
                "-dname",
                "CN=" + name,
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                new String(PASS),
                "-keypass",
                new String(PASS)));
        cmd.addAll(keyAlgorithm.equals("EC") ? List.of("-groupname", "secp256r1") : List.of("-keysize", "2048"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + out);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, PASS);
            }
            return new SelfSignedCert(
                    (X509Certificate) ks.getCertificate("relay"), (PrivateKey) ks.getKey("relay", PASS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(store);
        }
    }

    /** Writes the certificate and the PKCS#8 key as PEM, each replacing its file atomically (as certbot's links). */
    public void writePem(Path certFile, Path keyFile) throws IOException {
        try {
            replace(certFile, pem("CERTIFICATE", certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        replace(keyFile, pem("PRIVATE KEY", key.getEncoded()));
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static void replace(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "new", ".pem");
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A client context that trusts exactly the given certificates. */
    public static SSLContext trusting(X509Certificate... certs) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < certs.length; i++) {
            trust.setCertificateEntry("c" + i, certs[i]);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
