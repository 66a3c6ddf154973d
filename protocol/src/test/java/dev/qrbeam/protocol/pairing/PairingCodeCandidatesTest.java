package dev.qrbeam.protocol.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairingCodeCandidatesTest {
    private static final String ID = "q2Xh0bE1Z3lWn4Tt9k8Y0A";
    private static final String OTHER_ID = "Zz9bE1Z3lWn4Tt9k8Y0AqA";
    private static final String SECRET = "mZ1b0y2w7eWcS3c8o6rJc8Y3Vd2m6Bq0sJ0l1Yk9u3E";
    private static final URI PRIMARY = URI.create("http://10.77.0.1:40125");

    private static List<Candidate> four() {
        return List.of(
                new Candidate(URI.create("http://172.17.0.1:40125"), ID),
                new Candidate(URI.create("http://[fd00:77::1]:40125"), ID),
                new Candidate(URI.create("https://relay.example.org/prod"), OTHER_ID));
    }

    @Test
    void roundTripsEveryKindOfCandidate() {
        PairingCode code = PairingCode.create(PRIMARY, ID, four(), new SecureRandom());
        String text = code.format();
        assertThat(text).startsWith("http://10.77.0.1:40125/r/2/" + ID + "#");
        assertThat(text).contains("~4rBEAAQ~6_QAAdwAAAAAAAAAAAAAAAQ~r" + OTHER_ID + "relay.example.org/prod");
        PairingCode back = PairingCode.parse(text);
        assertThat(back.alternates()).isEqualTo(four());
        assertThat(back).isEqualTo(code);
        assertThat(back.format()).isEqualTo(text);
    }

    @Test
    void withoutAlternatesTheCodeStaysVersion1() {
        PairingCode code = PairingCode.create(PRIMARY, ID, List.of(), new SecureRandom());
        assertThat(code.version()).isEqualTo(1);
        assertThat(code.format()).contains("/r/1/").doesNotContain("~");
    }

    @Test
    void oldVersion1CodesStillParse() {
        PairingCode code = PairingCode.parse("http://127.0.0.1:41873/r/1/" + ID + "#" + SECRET);
        assertThat(code.alternates()).isEmpty();
        assertThat(code.routes()).hasSize(1);
        assertThat(code.routes().get(0).webSocketUri()).isEqualTo(URI.create("ws://127.0.0.1:41873/"));
    }

    @Test
    void routesKeepThePrimaryIdentityForTheSameRelayAndTheirOwnForAnother() {
        PairingCode code = PairingCode.create(PRIMARY, ID, four(), new SecureRandom());
        List<Route> routes = code.routes();
        assertThat(routes)
                .extracting(Route::webSocketUri)
                .containsExactly(
                        URI.create("ws://10.77.0.1:40125/"),
                        URI.create("ws://172.17.0.1:40125/"),
                        URI.create("ws://[fd00:77::1]:40125/"),
                        URI.create("wss://relay.example.org/prod"));
        assertThat(routes).extracting(Route::primaryRelay).containsExactly(true, true, true, false);
        assertThat(routes.get(1).identity()).isSameAs(code);
        assertThat(routes.get(2).identity()).isSameAs(code);
        PairingCode internet = routes.get(3).identity();
        assertThat(internet.relayBase()).isEqualTo(URI.create("https://relay.example.org/prod"));
        assertThat(internet.senderId()).isEqualTo(OTHER_ID);
        assertThat(internet.secret()).isEqualTo(code.secret());
        assertThat(internet.version()).isEqualTo(2);
        assertThat(routes.get(1).endpoint()).isEqualTo("172.17.0.1:40125");
    }

    @Test
    void plainRelayCandidateWithIpv6HostRoundTrips() {
        Candidate relay = new Candidate(URI.create("http://[::1]:9000"), OTHER_ID);
        PairingCode code = PairingCode.create(PRIMARY, ID, List.of(relay), new SecureRandom());
        assertThat(code.format()).contains("~p" + OTHER_ID + "%5B::1%5D:9000");
        assertThat(PairingCode.parse(code.format()).routes().get(1).webSocketUri())
                .isEqualTo(URI.create("ws://[::1]:9000/"));
    }

    @Test
    void unknownCandidateKindsAreIgnored() {
        PairingCode code = PairingCode.parse("http://10.77.0.1:40125/r/2/" + ID + "#" + SECRET + "~xfuture~4rBEAAQ");
        assertThat(code.alternates()).containsExactly(new Candidate(URI.create("http://172.17.0.1:40125"), ID));
    }

    @Test
    void brokenCandidatesAreRefused() {
        String base = "http://10.77.0.1:40125/r/2/" + ID + "#" + SECRET;
        assertThatThrownBy(() -> PairingCode.parse(base + "~4rBE"))
                .isInstanceOf(PairingCodeException.class)
                .extracting(e -> ((PairingCodeException) e).error())
                .isEqualTo(PairingError.MALFORMED);
        assertThatThrownBy(() -> PairingCode.parse(base + "~")).isInstanceOf(PairingCodeException.class);
        assertThatThrownBy(() -> PairingCode.parse(base + "~rshort")).isInstanceOf(PairingCodeException.class);
        assertThatThrownBy(() -> PairingCode.parse(base + "~p" + OTHER_ID + "ftp:x"))
                .isInstanceOf(PairingCodeException.class);
        assertThatThrownBy(() -> PairingCode.parse("http://10.77.0.1:40125/r/1/" + ID + "#" + SECRET + "~4rBEAAQ"))
                .isInstanceOf(PairingCodeException.class);
    }

    @Test
    void atMostMaxAlternatesAreKept() {
        StringBuilder b = new StringBuilder("http://10.77.0.1:40125/r/2/" + ID + "#" + SECRET);
        for (int i = 0; i < PairingCode.MAX_ALTERNATES + 3; i++) {
            b.append("~4CgAA").append((char) ('A' + i)).append('A');
        }
        assertThat(PairingCode.parse(b.toString()).alternates()).hasSize(PairingCode.MAX_ALTERNATES);
    }
}
