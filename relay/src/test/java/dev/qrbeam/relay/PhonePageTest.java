package dev.qrbeam.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.relay.testing.TestRelays;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The relay serves the phone page at a pairing code's path under a CSP that allows only the page's own code. */
class PhonePageTest {

    @Test
    void theCodePathServesThePhonePageUnderAHashPinnedPolicy() throws Exception {
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, TestRelays.limits())) {
            int port = relay.address().getPort();
            HttpResponse<String> r = get("http://127.0.0.1:" + port + "/r/1/AAAAAAAAAAAAAAAAAAAAAA");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
            assertThat(r.headers().firstValue("x-content-type-options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("referrer-policy")).hasValue("no-referrer");
            String body = r.body();
            assertThat(body).contains("data-action=\"download-all\"").contains("<body data-state=");
            String csp = r.headers().firstValue("content-security-policy").orElseThrow();
            assertThat(csp)
                    .startsWith("default-src 'none';")
                    .contains("script-src '" + sha256(between(body, "<script>", "</script>")) + "'")
                    .contains("style-src '" + sha256(between(body, "<style>", "</style>")) + "'")
                    .contains("connect-src 'self' ws://127.0.0.1:" + port + " wss://127.0.0.1:" + port)
                    .contains("frame-ancestors 'none'")
                    .contains("form-action 'none'")
                    .doesNotContain("unsafe");
            assertThat(body).doesNotContain("http://").doesNotContain("https://"); // no external requests
            // a stage path (AWS-style codes) gets the same page
            assertThat(get("http://127.0.0.1:" + port + "/dev/r/1/AAAAAAAAAAAAAAAAAAAAAA")
                            .body())
                    .isEqualTo(body);
        }
    }

    @Test
    void overHttpsThePageIsServedAndMayConnectOverWss(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        dev.qrbeam.relay.testing.SelfSignedCert cert =
                dev.qrbeam.relay.testing.SelfSignedCert.generate(dir, "page", "EC");
        cert.writePem(dir.resolve("fullchain.pem"), dir.resolve("privkey.pem"));
        try (RelayHandle relay = Relay.start(RelayConfig.of("127.0.0.1", 0, TestRelays.limits())
                .withTls(
                        new dev.qrbeam.relay.tls.TlsFiles(dir.resolve("fullchain.pem"), dir.resolve("privkey.pem"))))) {
            int port = relay.address().getPort();
            HttpResponse<String> r = HttpClient.newBuilder()
                    .sslContext(dev.qrbeam.relay.testing.SelfSignedCert.trusting(cert.certificate()))
                    .build()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("https://127.0.0.1:" + port + "/r/1/AAAAAAAAAAAAAAAAAAAAAA"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("data-action=\"download-all\"");
            assertThat(r.headers().firstValue("content-security-policy").orElseThrow())
                    .contains("wss://127.0.0.1:" + port);
        }
    }

    @Test
    void aForgedHostHeaderCannotWidenThePolicy() throws Exception {
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, TestRelays.limits());
                java.net.Socket s =
                        new java.net.Socket("127.0.0.1", relay.address().getPort())) {
            s.getOutputStream()
                    .write(("GET /r/1/AAAAAAAAAAAAAAAAAAAAAA HTTP/1.1\r\nHost: a.example 'unsafe-inline' *\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String head = new String(s.getInputStream().readNBytes(2000), StandardCharsets.ISO_8859_1);
            assertThat(head)
                    .startsWith("HTTP/1.1 200")
                    .contains("connect-src 'self'\r\n")
                    .doesNotContain("unsafe-inline");
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String between(String s, String open, String close) {
        int a = s.indexOf(open) + open.length();
        return s.substring(a, s.indexOf(close, a));
    }

    private static String sha256(String s) throws Exception {
        return "sha256-"
                + Base64.getEncoder()
                        .encodeToString(
                                MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
