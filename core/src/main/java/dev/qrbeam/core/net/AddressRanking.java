package dev.qrbeam.core.net;

import dev.qrbeam.protocol.pairing.IpLiteral;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Orders this machine's addresses by how likely another computer reaches them, best first; the first one becomes
 * the pairing code's URL host. Nothing usable is dropped (the receiver races them all): the order only decides
 * what is tried first.
 *
 * <ol>
 *   <li>physical interfaces before VPN and virtual adapters ({@link #isVirtual}): Docker, bridges, VMs, tunnels,
 *       WireGuard, Tailscale, ZeroTier, Hyper-V/WSL — even when a full-tunnel VPN carries the default route;</li>
 *   <li>the interface carrying the default route first;</li>
 *   <li>IPv4 before IPv6 (shorter code, reachable from more phones), private before public;</li>
 *   <li>link-local (169.254/16) last.</li>
 * </ol>
 * Loopback, multicast, wildcard and IPv6 link-local addresses (unusable without the receiver's own zone id) are
 * not candidates.
 */
public final class AddressRanking {
    private static final List<String> VIRTUAL_PREFIXES = List.of(
            "docker",
            "br-",
            "veth",
            "virbr",
            "vboxnet",
            "vmnet",
            "tun",
            "tap",
            "utun",
            "wg",
            "tailscale",
            "zt",
            "vethernet",
            "lxcbr",
            "lxdbr",
            "cni",
            "flannel",
            "podman",
            "vnet",
            "ham",
            "ipsec",
            "ppp",
            "anpi",
            "awdl",
            "llw",
            "bridge");

    private AddressRanking() {}

    /** One ranked address and the interface it belongs to. */
    public record Ranked(String nic, InetAddress address) {
        /** The host as it goes into a URL: IPv6 in brackets, without zone. */
        public String urlHost() {
            String h = address.getHostAddress();
            int zone = h.indexOf('%');
            h = zone < 0 ? h : h.substring(0, zone);
            return address instanceof Inet6Address ? "[" + IpLiteral.compress(h) + "]" : h;
        }
    }

    /** Ranks every usable address of {@code nics}; {@code defaultRoute} names the interfaces with a default route. */
    public static List<Ranked> rank(List<Nic> nics, Set<String> defaultRoute) {
        List<Scored> all = new ArrayList<>();
        int order = 0;
        for (Nic nic : nics) {
            boolean virtual = isVirtual(nic);
            boolean dflt = defaultRoute.contains(nic.name());
            for (InetAddress a : nic.addresses()) {
                if (usable(a) && all.stream().noneMatch(s -> s.ranked.address().equals(a))) {
                    all.add(new Scored(new Ranked(nic.name(), a), score(a, virtual, dflt), order++));
                }
            }
        }
        all.sort(Comparator.comparingInt(Scored::score).thenComparingInt(Scored::order));
        return all.stream().map(Scored::ranked).toList();
    }

    /** VPN, container and VM adapters by name prefix (case-insensitive), or Hyper-V's "vEthernet" display name. */
    public static boolean isVirtual(Nic nic) {
        String n = nic.name().toLowerCase(Locale.ROOT);
        String d = nic.displayName().toLowerCase(Locale.ROOT);
        return d.contains("vethernet") || VIRTUAL_PREFIXES.stream().anyMatch(n::startsWith);
    }

    private static boolean usable(InetAddress a) {
        return !a.isLoopbackAddress()
                && !a.isAnyLocalAddress()
                && !a.isMulticastAddress()
                && !(a instanceof Inet6Address && a.isLinkLocalAddress());
    }

    private static int score(InetAddress a, boolean virtual, boolean defaultRoute) {
        int s = 0;
        if (a.isLinkLocalAddress()) {
            s += 1000;
        }
        if (virtual) {
            s += 100;
        }
        if (!defaultRoute) {
            s += 10;
        }
        if (!(a instanceof Inet4Address)) {
            s += 2;
        }
        if (!a.isSiteLocalAddress() && !(a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc)) {
            s += 1;
        }
        return s;
    }

    private record Scored(Ranked ranked, int score, int order) {}
}
