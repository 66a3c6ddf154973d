package dev.qrbeam.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qrbeam.core.link.PeerLink;
import dev.qrbeam.core.relay.RelayClient;
import dev.qrbeam.core.relay.RelayClientOptions;
import dev.qrbeam.core.testing.FaultProxy;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.pairing.PairingCode;
import dev.qrbeam.protocol.pairing.Route;
import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The receiver's happy-eyeballs race against real relays on 127.0.0.1: a black hole (a socket that accepts and
 * never answers the WebSocket upgrade) costs one stagger step, not its timeout; a loser is closed.
 */
@Timeout(60)
class RouteRaceTest {
    private static final WireJson WIRE = new WireJson();
    private static final PairingCode ANY =
            PairingCode.create(URI.create("http://127.0.0.1:1"), "AAAAAAAAAAAAAAAAAAAAAA", new SecureRandom());
    private RelayHandle relay;
    private ServerSocket blackHole;

    @BeforeEach
    void start() throws Exception {
        relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults());
        blackHole = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    @AfterEach
    void stop() throws Exception {
        relay.close();
        blackHole.close();
    }

    record Dialed(RelayClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    private static RouteRace.Dialer<Dialed> dialer() {
        return (route, timeout) -> new Dialed(RelayClient.connect(
                route.webSocketUri(),
                new PeerLink(WIRE, null),
                RelayClientOptions.defaults().withConnectTimeout(timeout),
                WIRE));
    }

    private static Route route(int port, boolean primary) {
        return new Route(URI.create("ws://127.0.0.1:" + port + "/"), ANY, primary);
    }

    private Route good() {
        return route(relay.address().getPort(), true);
    }

    private Route hole() {
        return route(blackHole.getLocalPort(), true);
    }

    private long millisToWin(List<Route> routes, Route expected) throws Exception {
        long t0 = System.nanoTime();
        RouteRace.Win<Dialed> win = new RouteRace<>(routes, dialer(), RaceTimings.defaults()).run();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        try (Dialed d = win.connection()) {
            assertThat(win.route()).isEqualTo(expected);
            assertThat(d.client().isConnected()).isTrue();
        }
        return ms;
    }

    @Test
    void blackHoledCandidateCostsOneStaggerStepNotItsTimeout() throws Exception {
        millisToWin(List.of(good()), good()); // warm-up, not measured
        long bestFirst = millisToWin(List.of(good(), hole()), good());
        long bestLast = millisToWin(List.of(hole(), good()), good());
        System.out.printf("race: best candidate first %d ms, after a black-holed one %d ms%n", bestFirst, bestLast);
        assertThat(bestFirst).isLessThan(2000);
        assertThat(bestLast).isGreaterThanOrEqualTo(250).isLessThan(2500);
    }

    @Test
    void internetRelayWaitsForTheLanHeadStart() throws Exception {
        millisToWin(List.of(good()), good()); // warm-up, not measured
        Route internet = route(relay.address().getPort(), false);
        long ms = millisToWin(List.of(hole(), internet), internet);
        System.out.printf("race: internet relay after a black-holed LAN address %d ms%n", ms);
        assertThat(ms).isGreaterThanOrEqualTo(1000).isLessThan(3000);
    }

    @Test
    void anInternetRelayListedBeforeALanAddressStillWaitsForTheHeadStart() throws Exception {
        millisToWin(List.of(good()), good()); // warm: the JVM's first WebSocket connect alone can take a second
        Route internet = route(relay.address().getPort(), false);
        long ms = millisToWin(List.of(internet, hole()), internet);
        assertThat(ms).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aLoserThatConnectsLateIsClosedAndNeverHandedOut() throws Exception {
        try (FaultProxy slow = new FaultProxy(relay.address())) {
            slow.delay(800);
            Route viaSlow = route(slow.port(), true);
            RouteRace.Win<Dialed> win =
                    new RouteRace<>(List.of(viaSlow, good()), dialer(), RaceTimings.defaults()).run();
            try (Dialed d = win.connection()) {
                assertThat(win.route()).isEqualTo(good());
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (relay.stats().totalConnections() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(relay.stats().totalConnections()).isEqualTo(2);
                while (relay.stats().openConnections() > 1 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(relay.stats().openConnections()).isEqualTo(1);
                assertThat(d.client().isConnected()).isTrue();
            }
        }
    }

    @Test
    void nothingReachableNamesEveryAttemptWithinTenSeconds() throws Exception {
        int refused;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            refused = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        List<Route> routes = List.of(hole(), route(refused, true), route(blackHole.getLocalPort(), false));
        assertThatThrownBy(() -> new RouteRace<>(routes, dialer(), RaceTimings.defaults()).run())
                .isInstanceOf(RaceFailedException.class)
                .satisfies(e -> {
                    String m = e.getMessage();
                    System.out.println(m);
                    assertThat(m)
                            .startsWith("Could not reach the sending computer.")
                            .contains("127.0.0.1:" + blackHole.getLocalPort() + " timed out after 3 s")
                            .contains("127.0.0.1:" + refused + ": connection refused")
                            .contains("127.0.0.1:" + blackHole.getLocalPort() + " timed out after 3 s; 127.0.0.1:"
                                    + blackHole.getLocalPort() + " timed out after 3 s")
                            .contains("Likely causes:")
                            .contains("firewall");
                    assertThat(((RaceFailedException) e).attempts()).hasSize(3);
                });
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
    }
}
