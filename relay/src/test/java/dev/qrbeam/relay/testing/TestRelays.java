package dev.qrbeam.relay.testing;

import dev.qrbeam.relay.core.RelayLimits;
import java.time.Duration;

/** Limits for tests: defaults, but no per-address cap (everything comes from 127.0.0.1) and no stats logging. */
public final class TestRelays {
    private TestRelays() {}

    public static RelayLimits limits() {
        return RelayLimits.defaults().withMaxConnectionsPerAddress(0).withStatsLogInterval(Duration.ZERO);
    }
}
