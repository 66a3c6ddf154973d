package dev.qrbeam.app.transfer;

import java.time.Duration;
import java.util.Locale;

/** Human-readable sizes, rates and durations (SI units, as file managers show them). */
public final class Formats {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

    private Formats() {}

    public static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        double v = n;
        int u = 0;
        while (v >= 999.95 && u < UNITS.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, UNITS[u]);
    }

    public static String rate(double bytesPerSecond) {
        return bytes(Math.round(Math.max(0, bytesPerSecond))) + "/s";
    }

    /** "1 h 02 min", "3 min 05 s", "42 s". */
    public static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return s + " s";
    }

    /** "4:59" countdown style. */
    public static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
