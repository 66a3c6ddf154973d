package dev.qrbeam.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultRoutesTest {
    @Test
    void readsTheIpv4DefaultRouteFromProcNetRoute() {
        List<String> lines = List.of(
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
                "wg0\t00000000\t00000000\t0001\t0\t0\t0\t00000000\t0\t0\t0",
                "veth0\t00004D0A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
                "eth9\t00000000\t0101A8C0\t0002\t0\t0\t0\t00000000\t0\t0\t0");
        assertThat(DefaultRoutes.ipv4(lines)).containsExactly("wg0");
    }

    @Test
    void readsTheIpv6DefaultRouteFromProcNetIpv6Route() {
        List<String> lines = List.of(
                "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003 eth0",
                "fd000077000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001 eth0",
                "00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200 lo");
        assertThat(DefaultRoutes.ipv6(lines)).containsExactly("eth0");
    }

    @Test
    void garbageGivesNothing() {
        assertThat(DefaultRoutes.ipv4(List.of("", "x y z"))).isEmpty();
        assertThat(DefaultRoutes.ipv6(List.of("short line"))).isEmpty();
    }
}
