package dev.qrbeam.protocol.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PairingCodeTest {
    private static final String ID = "q2Xh0bE1Z3lWn4Tt9k8Y0A";
    private static final String SECRET = "mZ1b0y2w7eWcS3c8o6rJc8Y3Vd2m6Bq0sJ0l1Yk9u3E";

    @Test
    void formatsAndParsesRoundTrip() {
        PairingCode code = PairingCode.create(URI.create("https://relay.example.org"), ID, new SecureRandom());
        String text = code.format();
        assertThat(text).startsWith("https://relay.example.org/r/1/" + ID + "#").hasSizeLessThan(150);
        assertThat(PairingCode.parse(text)).isEqualTo(code);
        assertThat(PairingCode.parse(text).format()).isEqualTo(text);
    }

    @Test
    void awsStageCodeStaysUnder150Characters() {
        String text = "https://9mxi3j1vqd.execute-api.eu-west-1.amazonaws.com/dev/r/1/" + ID + "#" + SECRET;
        PairingCode code = PairingCode.parse(text);
        assertThat(text).hasSizeLessThan(150);
        assertThat(code.stage()).contains("dev");
        assertThat(code.webSocketUri())
                .isEqualTo(URI.create("wss://9mxi3j1vqd.execute-api.eu-west-1.amazonaws.com/dev"));
        assertThat(code.format()).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:8080, ws://127.0.0.1:8080/",
        "https://relay.example.org, wss://relay.example.org/",
        "https://relay.example.org:8443/prod, wss://relay.example.org:8443/prod",
        "http://[::1]:9000, ws://[::1]:9000/",
    })
    void derivesWebSocketUri(String base, String ws) {
        PairingCode code = PairingCode.parse(base + "/r/1/" + ID + "#" + SECRET);
        assertThat(code.webSocketUri()).isEqualTo(URI.create(ws));
    }

    @Test
    void normalisesSchemeHostDefaultPortAndTrailingSlash() {
        PairingCode code = new PairingCode(1, URI.create("HTTPS://Relay.Example.ORG:443/dev/"), ID, new byte[32]);
        assertThat(code.relayBase()).isEqualTo(URI.create("https://relay.example.org/dev"));
        assertThat(PairingCode.parse(code.format())).isEqualTo(code);
    }

    @Test
    void secretIsFreshAndDefensivelyCopied() {
        SecureRandom random = new SecureRandom();
        PairingCode a = PairingCode.create(URI.create("http://127.0.0.1:1"), ID, random);
        PairingCode b = PairingCode.create(URI.create("http://127.0.0.1:1"), ID, random);
        assertThat(a.secret()).hasSize(32).isNotEqualTo(b.secret());
        byte[] leaked = a.secret();
        Arrays.fill(leaked, (byte) 0);
        assertThat(a.secret()).isNotEqualTo(leaked);
    }

    @Test
    void toStringNeverShowsTheSecret() {
        PairingCode code = PairingCode.parse("http://127.0.0.1:8080/r/1/" + ID + "#" + SECRET);
        assertThat(code.toString()).doesNotContain(SECRET).contains(ID);
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(PairingCode.parse("  http://127.0.0.1:8080/r/1/" + ID + "#" + SECRET + "\n")
                        .senderId())
                .isEqualTo(ID);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "ftp://relay/r/1/" + ID + "#" + SECRET + "|code-scheme",
                "ws://relay/r/1/" + ID + "#" + SECRET + "|code-scheme",
                "http://relay/r/3/" + ID + "#" + SECRET + "|code-version",
                "http://relay/r/1/" + ID + "|code-secret",
                "http://relay/r/1/" + ID + "#|code-secret",
                "http://relay/r/1/" + ID + "#" + SECRET + "A|code-secret",
                "http://relay/r/1/" + ID + "#mZ1b0y2w7eWcS3c8o6rJc8Y3Vd2m6Bq0sJ0l1Yk9u3F|code-secret",
                "http://relay/r/1/" + ID + "#mZ1b0y2w7eWcS3c8o6rJc8Y3Vd2m6Bq0sJ0l1Yk9u3=|code-secret",
                "http://relay/r/1/short#" + SECRET + "|code-connection-id",
                "http://relay/r/1/q2Xh0bE1Z3lWn4Tt9k8Y0+#" + SECRET + "|code-connection-id",
                "http://relay/r/1/q2Xh0bE1Z3lWn4Tt9k8Y0B#" + SECRET + "|code-connection-id",
                "http://relay/x/1/" + ID + "#" + SECRET + "|code-malformed",
                "http://relay/a/b/r/1/" + ID + "#" + SECRET + "|code-malformed",
                "http://relay/r/1/" + ID + "?x=1#" + SECRET + "|code-malformed",
                "http://user@relay/r/1/" + ID + "#" + SECRET + "|code-malformed",
                "http://relay:0/r/1/" + ID + "#" + SECRET + "|code-malformed",
                "http:///r/1/" + ID + "#" + SECRET + "|code-malformed",
                "relay/r/1/" + ID + "#" + SECRET + "|code-malformed",
                "http://re lay/r/1/" + ID + "#" + SECRET + "|code-malformed",
                "http://relay/%2e%2e/r/1/" + ID + "#" + SECRET + "|code-malformed",
            })
    void refusesMalformedCodesWithAStableCode(String text, String expected) {
        assertThatThrownBy(() -> PairingCode.parse(text))
                .isInstanceOf(PairingCodeException.class)
                .satisfies(e -> assertThat(((PairingCodeException) e).code()).isEqualTo(expected))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\u0000", "http://relay/r/1/" + ID + "#" + SECRET + "\u202e"})
    void refusesEmptyAndNonAscii(String text) {
        assertThatThrownBy(() -> PairingCode.parse(text))
                .isInstanceOf(PairingCodeException.class)
                .extracting(e -> ((PairingCodeException) e).code())
                .isEqualTo("code-malformed");
    }

    @Test
    void refusesNullAndOverlongInput() {
        assertThatThrownBy(() -> PairingCode.parse(null)).isInstanceOf(PairingCodeException.class);
        assertThatThrownBy(() -> PairingCode.parse("http://relay/" + "a".repeat(600)))
                .isInstanceOf(PairingCodeException.class);
    }
}
