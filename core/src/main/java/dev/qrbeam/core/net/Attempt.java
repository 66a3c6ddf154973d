package dev.qrbeam.core.net;

import dev.qrbeam.protocol.pairing.Route;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * One failed dial of a route, described for people: {@code 10.77.0.1:40125 timed out after 3 s}.
 *
 * @param route what was dialled
 * @param error why it failed
 * @param millis how long it took
 * @param timeout the limit it had
 */
record Attempt(Route route, Exception error, long millis, Duration timeout) {
    /** {@code <host:port> <how it failed>}, e.g. {@code 172.17.0.1:40125: network unreachable}. */
    public String describe() {
        String what = reason();
        return route.endpoint() + (what.startsWith("timed out") ? " " : ": ") + what;
    }

    /** A short phrase for the failure (timeout, refused, unreachable, no route, unknown host, or the message). */
    String reason() {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof HttpConnectTimeoutException
                    || t instanceof HttpTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException
                    || m.contains("timed out")
                    || m.contains("did not answer within")) {
                return "timed out after " + timeout.toSeconds() + " s";
            }
            if (m.contains("network is unreachable") || m.contains("network unreachable")) {
                return "network unreachable";
            }
            if (t instanceof NoRouteToHostException || m.contains("no route to host")) {
                return "no route to host";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (m.contains("connection refused") || (t instanceof ConnectException && m.isEmpty())) {
                return "connection refused (nothing listens there)";
            }
        }
        String m = error.getMessage();
        return m == null ? error.getClass().getSimpleName() : m;
    }
}
