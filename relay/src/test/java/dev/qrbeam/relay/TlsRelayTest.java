package dev.qrbeam.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qrbeam.protocol.frame.TransferFrameCodec;
import dev.qrbeam.relay.testing.Await;
import dev.qrbeam.relay.testing.SelfSignedCert;
import dev.qrbeam.relay.testing.TestRelays;
import dev.qrbeam.relay.testing.TestWsClient;
import dev.qrbeam.relay.tls.PemFiles;
import dev.qrbeam.relay.tls.TlsFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 6: a self-hosted internet relay serves wss:// from PEM files and picks up a renewed certificate
 * (files replaced, as certbot does) for new connections without a restart.
 */
@Timeout(120)
class TlsRelayTest {
    @TempDir
    Path dir;

    private Path cert;
    private Path key;

    @org.junit.jupiter.api.BeforeEach
    void files() {
        cert = dir.resolve("fullchain.pem");
        key = dir.resolve("privkey.pem");
    }

    private static RelayHandle tlsRelay(Path cert, Path key) {
        return Relay.start(RelayConfig.of("127.0.0.1", 0, TestRelays.limits()).withTls(new TlsFiles(cert, key)));
    }

    @Test
    void wssTransferAndHttpsPageWorkAndARenewedCertificateIsServedToNewConnections() throws Exception {
        SelfSignedCert first = SelfSignedCert.generate(dir, "relay-test-1", "EC");
        SelfSignedCert second = SelfSignedCert.generate(dir, "relay-test-2", "EC");
        first.writePem(cert, key);
        SSLContext trust = SelfSignedCert.trusting(first.certificate(), second.certificate());
        HttpClient http = HttpClient.newBuilder().sslContext(trust).build();
        try (RelayHandle relay = tlsRelay(cert, key)) {
            assertThat(relay.uri().toString()).startsWith("wss://127.0.0.1:");
            try (TestWsClient a = TestWsClient.connect(http, relay.uri());
                    TestWsClient b = TestWsClient.connect(http, relay.uri())) {
                String idA = a.connectId();
                String idB = b.connectId();
                for (int i = 0; i < 8; i++) {
                    a.sendBinary(TransferFrameCodec.encode(idB, i, 8, "h", ByteBuffer.allocate(256 * 1024)));
                    assertThat(TransferFrameCodec.decodeHeader(b.awaitBinary()).connectionId())
                            .isEqualTo(idA);
                }

                assertThat(servedSubject(trust, relay)).isEqualTo("CN=relay-test-1");
                second.writePem(cert, key);
                Await.until(
                        "the renewed certificate is served",
                        Duration.ofSeconds(30),
                        () -> "CN=relay-test-2".equals(servedSubject(trust, relay)));

                // connections opened before the renewal keep working
                b.sendBinary(TransferFrameCodec.encode(idA, 0, 1, "h", ByteBuffer.allocate(1024)));
                assertThat(TransferFrameCodec.decodeHeader(a.awaitBinary()).connectionId())
                        .isEqualTo(idB);
            }
            try (TestWsClient c = TestWsClient.connect(
                    HttpClient.newBuilder().sslContext(trust).build(), relay.uri())) {
                assertThat(c.connectId()).hasSize(22);
            }
            // a client that trusts only the system CAs refuses the self-signed relay
            assertThatThrownBy(() -> HttpClient.newHttpClient()
                            .send(HttpRequest.newBuilder(page(relay)).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
    }

    @Test
    void aHalfRenewedPairKeepsThePreviousCertificate() throws Exception {
        SelfSignedCert first = SelfSignedCert.generate(dir, "relay-test-1", "EC");
        SelfSignedCert second = SelfSignedCert.generate(dir, "relay-test-2", "EC");
        first.writePem(cert, key);
        SSLContext trust = SelfSignedCert.trusting(first.certificate(), second.certificate());
        try (RelayHandle relay = tlsRelay(cert, key)) {
            // only the certificate is new so far: the pair does not match and must not be used
            Files.writeString(
                    cert, SelfSignedCert.pem("CERTIFICATE", second.certificate().getEncoded()));
            long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
            while (System.nanoTime() < until) {
                assertThat(servedSubject(trust, relay)).isEqualTo("CN=relay-test-1");
            }
            second.writePem(cert, key);
            Await.until(
                    "the completed renewal is served",
                    Duration.ofSeconds(30),
                    () -> "CN=relay-test-2".equals(servedSubject(trust, relay)));
        }
    }

    @Test
    void pkcs1RsaKeysAreAcceptedAndEncryptedOnesAreRefusedClearly() throws Exception {
        SelfSignedCert rsa = SelfSignedCert.generate(dir, "relay-rsa", "RSA");
        byte[] pkcs8 = rsa.key().getEncoded();
        // PrivateKeyInfo ::= SEQUENCE(30 82 LL LL) { INTEGER 0, AlgorithmIdentifier(15 bytes), OCTET STRING(04 82 LL
        // LL) }
        assertThat(pkcs8[22]).isEqualTo((byte) 0x04);
        assertThat(pkcs8[23]).isEqualTo((byte) 0x82);
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        Path rsaKey = dir.resolve("rsa.pem");
        Files.writeString(rsaKey, SelfSignedCert.pem("RSA PRIVATE KEY", pkcs1));
        assertThat(PemFiles.privateKey(rsaKey).getEncoded()).isEqualTo(pkcs8);

        Path rsaCert = dir.resolve("rsa-cert.pem");
        Files.writeString(
                rsaCert, SelfSignedCert.pem("CERTIFICATE", rsa.certificate().getEncoded()));
        try (RelayHandle relay = tlsRelay(rsaCert, rsaKey)) {
            assertThat(servedSubject(SelfSignedCert.trusting(rsa.certificate()), relay))
                    .isEqualTo("CN=relay-rsa");
        }

        Path encrypted = dir.resolve("enc.pem");
        Files.writeString(encrypted, SelfSignedCert.pem("ENCRYPTED PRIVATE KEY", pkcs8));
        assertThatThrownBy(() -> PemFiles.privateKey(encrypted)).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    /** GETs the relay's page over https on a new connection; the subject of the certificate it presented. */
    private static String servedSubject(SSLContext trust, RelayHandle relay) {
        try {
            HttpResponse<String> r = HttpClient.newBuilder()
                    .sslContext(trust)
                    .build()
                    .send(HttpRequest.newBuilder(page(relay)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("QRBeam");
            X509Certificate leaf =
                    (X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0];
            return leaf.getSubjectX500Principal().getName();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static URI page(RelayHandle relay) {
        return URI.create("https://127.0.0.1:" + relay.address().getPort() + "/r/1/AAAAAAAAAAAAAAAAAAAAAA");
    }
}
