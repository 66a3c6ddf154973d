package dev.qrbeam.core.net;

import dev.qrbeam.protocol.pairing.Route;
import java.time.Duration;
import java.util.List;

/**
 * When {@link RouteRace} starts each route and how long one may take.
 *
 * @param stagger delay between starting two routes (RFC 8305 suggests 250 ms)
 * @param headStart earliest start of a separate relay (the internet fallback), so the LAN wins when it can
 * @param addressTimeout connect timeout for a route whose host is an IP address (a LAN relay answers fast)
 * @param nameTimeout connect timeout for a route with a host name (DNS, TLS, a distant relay)
 */
public record RaceTimings(Duration stagger, Duration headStart, Duration addressTimeout, Duration nameTimeout) {
    /** 250 ms stagger, 1 s head start for the LAN, 3 s per LAN address, 6 s per named relay: all fail within 10 s. */
    public static RaceTimings defaults() {
        return new RaceTimings(
                Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(6));
    }

    /** Planned start of each route in milliseconds from the start of the race. */
    long[] plan(List<Route> routes) {
        long[] at = new long[routes.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = i * stagger.toMillis();
            if (!routes.get(i).primaryRelay()) {
                at[i] = Math.max(at[i], headStart.toMillis());
            }
        }
        return at;
    }

    Duration timeoutFor(Route route) {
        String host = route.webSocketUri().getHost();
        boolean literal = host.startsWith("[") || host.matches("[0-9.]+");
        return literal ? addressTimeout : nameTimeout;
    }
}
