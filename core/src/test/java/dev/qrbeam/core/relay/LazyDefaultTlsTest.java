package dev.qrbeam.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayConfig;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.testing.SelfSignedCert;
import dev.qrbeam.relay.tls.TlsFiles;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh receiver spent 0.35-0.4 CPU-s before its first byte initialising TLS and reading the CA store for a
 * {@code ws://} relay that never uses TLS: the default context is now made on first use — and then checks
 * certificates exactly like the JDK's default.
 */
@Timeout(60)
class LazyDefaultTlsTest {
    @TempDir
    Path tmp;

    @Test
    void aPlainWsConnectionNeverInitialisesTls() throws Exception {
        LazyDefaultTls tls = LazyDefaultTls.create();
        HttpClient http = client(tls);
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults())) {
            WebSocket ws = http.newWebSocketBuilder()
                    .buildAsync(relay.uri(), new WebSocket.Listener() {})
                    .get(20, TimeUnit.SECONDS);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(20, TimeUnit.SECONDS);
        }
        assertThat(tls.initialised()).isFalse();
    }

    @Test
    void aWssRelayWithAnUntrustedCertificateIsStillRefused() throws Exception {
        SelfSignedCert cert = SelfSignedCert.generate(tmp, "lazy-tls-test", "EC");
        cert.writePem(tmp.resolve("cert.pem"), tmp.resolve("key.pem"));
        LazyDefaultTls tls = LazyDefaultTls.create();
        HttpClient http = client(tls);
        try (RelayHandle relay = Relay.start(RelayConfig.of("127.0.0.1", 0, RelayLimits.defaults())
                .withTls(new TlsFiles(tmp.resolve("cert.pem"), tmp.resolve("key.pem"))))) {
            assertThat(relay.uri().getScheme()).isEqualTo("wss");
            assertThatThrownBy(() -> http.newWebSocketBuilder()
                            .buildAsync(relay.uri(), new WebSocket.Listener() {})
                            .get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasStackTraceContaining(SSLHandshakeException.class.getName())
                    .hasStackTraceContaining("PKIX path");
        }
        assertThat(tls.initialised()).isTrue();
    }

    private static HttpClient client(LazyDefaultTls tls) {
        return HttpClient.newBuilder()
                .sslContext(tls)
                .sslParameters(LazyDefaultTls.parameters())
                .build();
    }
}
