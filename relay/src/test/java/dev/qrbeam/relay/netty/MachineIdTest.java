package dev.qrbeam.relay.netty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import io.netty.util.internal.MacAddressUtil;
import org.junit.jupiter.api.Test;

/**
 * A relay started in a network namespace with only loopback printed Netty's "Failed to find a usable hardware
 * address" WARN on stderr, after walking every network interface: the relay now gives Netty a random machine id.
 */
class MachineIdTest {
    @Test
    void relayStartGivesNettyAMachineIdSoItNeverWalksTheInterfaces() {
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, RelayLimits.defaults())) {
            String id = System.getProperty("io.netty.machineId");
            assertThat(id).matches("([0-9a-f]{2}:){7}[0-9a-f]{2}");
            assertThat(MacAddressUtil.parseMAC(id)).hasSize(8);
            assertThat(relay.address().getPort()).isPositive();
        }
    }
}
