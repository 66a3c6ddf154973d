package dev.qrbeam.core.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which interfaces carry a default route: read from Linux's {@code /proc/net/route} (destination and mask 0) and
 * {@code /proc/net/ipv6_route} (::/0). Elsewhere (macOS, Windows) the files do not exist and the set is empty:
 * the ranking then goes by interface kind alone.
 */
final class DefaultRoutes {
    private DefaultRoutes() {}

    /** The interfaces with a default route on this machine; empty when unknown. */
    public static Set<String> read() {
        Set<String> out = new LinkedHashSet<>();
        out.addAll(ipv4(lines(Path.of("/proc/net/route"))));
        out.addAll(ipv6(lines(Path.of("/proc/net/ipv6_route"))));
        return out;
    }

    /** From {@code /proc/net/route} lines: {@code Iface Destination Gateway Flags ... Mask ...} (hex). */
    static Set<String> ipv4(List<String> lines) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 8 && f[1].equals("00000000") && f[7].equals("00000000") && up(f[3])) {
                out.add(f[0]);
            }
        }
        return out;
    }

    /** From {@code /proc/net/ipv6_route} lines: dest, dest prefix length, ..., flags, device (last). */
    static Set<String> ipv6(List<String> lines) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 10 && f[0].matches("0{32}") && f[1].equals("00") && !f[9].equals("lo") && up(f[8])) {
                out.add(f[9]);
            }
        }
        return out;
    }

    private static boolean up(String hexFlags) {
        try {
            return (Long.parseLong(hexFlags, 16) & 0x1) != 0; // RTF_UP
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
