package dev.qrbeam.relay;

import java.util.Locale;

/**
 * The project's loopback switch: system property {@code qrbeam.loopback=true} or env {@code QRBEAM_LOOPBACK=1}
 * forces relays to bind and advertise 127.0.0.1 (tests and benchmarks must never touch the LAN).
 */
public final class LoopbackSwitch {
    public static final String LOOPBACK_HOST = "127.0.0.1";

    private LoopbackSwitch() {}

    public static boolean isOn() {
        String prop = System.getProperty("qrbeam.loopback");
        String env = System.getenv("QRBEAM_LOOPBACK");
        return (prop != null && prop.trim().toLowerCase(Locale.ROOT).equals("true"))
                || (env != null && (env.trim().equals("1") || env.trim().equalsIgnoreCase("true")));
    }

    /** {@code host}, or 127.0.0.1 if the switch is on and {@code host} is not a loopback address. */
    public static String apply(String host) {
        if (!isOn()
                || host.equals(LOOPBACK_HOST)
                || host.equals("::1")
                || host.equals("localhost")
                || host.startsWith("127.")) {
            return host;
        }
        return LOOPBACK_HOST;
    }
}
