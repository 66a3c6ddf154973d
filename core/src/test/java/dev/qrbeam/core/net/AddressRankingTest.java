package dev.qrbeam.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddressRankingTest {
    private static Nic nic(String name, String... addrs) {
        return named(name, name, addrs);
    }

    private static Nic named(String name, String display, String... addrs) {
        return new Nic(
                name, display, Arrays.stream(addrs).map(AddressRankingTest::ip).toList());
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<String> hosts(List<Nic> nics, Set<String> dflt) {
        return AddressRanking.rank(nics, dflt).stream()
                .map(AddressRanking.Ranked::urlHost)
                .toList();
    }

    @Test
    void dockerCreatedAfterTheLanDoesNotWin() {
        // the machine: docker0 listed first by the OS, no default-route information
        List<Nic> nics = List.of(nic("docker0", "172.17.0.1"), nic("eth0", "10.77.0.1"));
        assertThat(hosts(nics, Set.of())).containsExactly("10.77.0.1", "172.17.0.1");
    }

    @Test
    void fullTunnelVpnCarryingTheDefaultRouteRanksAfterTheLan() {
        List<Nic> nics = List.of(nic("wg0", "10.200.0.2"), nic("docker0", "172.17.0.1"), nic("eth0", "192.168.1.23"));
        assertThat(hosts(nics, Set.of("wg0"))).containsExactly("192.168.1.23", "10.200.0.2", "172.17.0.1");
    }

    @Test
    void theDefaultRouteInterfaceWinsAmongPhysicalOnes() {
        List<Nic> nics = List.of(nic("eth1", "10.0.0.5"), nic("wlan0", "192.168.1.23"));
        assertThat(hosts(nics, Set.of("wlan0"))).containsExactly("192.168.1.23", "10.0.0.5");
    }

    @Test
    void everyVirtualKindRanksLastButIsKept() {
        List<Nic> nics = List.of(
                nic("tailscale0", "100.101.1.2"),
                nic("br-3f2a", "172.18.0.1"),
                nic("vboxnet0", "192.168.56.1"),
                nic("vmnet8", "192.168.80.1"),
                nic("virbr0", "192.168.122.1"),
                nic("utun3", "10.8.0.2"),
                nic("zt7nnig26", "10.147.17.5"),
                nic("tun0", "10.9.0.2"),
                named("eth5", "vEthernet (WSL)", "172.29.0.1"),
                nic("en0", "192.168.1.23"));
        List<String> ranked = hosts(nics, Set.of());
        assertThat(ranked).hasSize(10).startsWith("192.168.1.23");
    }

    @Test
    void ipv4BeforeIpv6AndLinkLocalLast() {
        List<Nic> nics = List.of(nic("eth0", "fe80::1", "169.254.7.7", "fd00:77::1", "10.77.0.1"));
        assertThat(hosts(nics, Set.of("eth0"))).containsExactly("10.77.0.1", "[fd00:77::1]", "169.254.7.7");
    }

    @Test
    void ipv6OnlyLanGivesABracketedHost() {
        List<Nic> nics = List.of(nic("docker0", "172.17.0.1"), nic("eth0", "2001:db8::5"));
        assertThat(hosts(nics, Set.of("eth0"))).containsExactly("[2001:db8::5]", "172.17.0.1");
    }

    @Test
    void loopbackAndDuplicatesAreNotCandidates() {
        List<Nic> nics = List.of(nic("eth0", "127.0.0.1", "::1", "10.0.0.1"), nic("eth0:1", "10.0.0.1"));
        assertThat(hosts(nics, Set.of())).containsExactly("10.0.0.1");
    }
}
