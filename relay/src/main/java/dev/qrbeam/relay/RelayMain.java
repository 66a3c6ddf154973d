package dev.qrbeam.relay;

import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.core.ResumeTokens;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone relay: {@code java -jar qrbeam-relay.jar [--host 127.0.0.1] [--port 8080] [--key-file FILE] ...}.
 * Prints exactly one line {@code listening on ws://HOST:PORT/} on stdout once accepting; logs go to stderr;
 * SIGTERM/SIGINT stop it cleanly (clients get close 1001).
 */
public final class RelayMain {
    private static final String USAGE = """
            usage: java -jar qrbeam-relay.jar [options]
              --host HOST                     address to bind (default 127.0.0.1)
              --port PORT                     port, 0 = any free port (default 8080)
              --key-file FILE                 resume-token key; created if missing (ids then survive restarts)
              --max-text-bytes N              largest text message (default 262144)
              --max-binary-bytes N            largest binary message (default 1052672)
              --no-binary                     accept text only (like AWS API Gateway)
              --max-connections-per-address N (default 64, 0 = unlimited; loopback clients exempt)
              --cap-loopback                  apply the per-address cap to loopback clients too
              --idle-timeout SECONDS          close after this long without any frame (default 90)
              --ping-interval SECONDS         ping a quiet client after this long (default 30)
              --stats-interval SECONDS        log counters this often (default 60, 0 = never)
            """;

    private RelayMain() {
    }

    public static void main(String[] args) throws Exception {
        defaultProperty("org.slf4j.simpleLogger.logFile", "System.err");
        defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        defaultProperty("org.slf4j.simpleLogger.showDateTime", "true");
        defaultProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
        RelayConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (config == null) {
            System.out.print(USAGE);
            return;
        }
        RelayHandle relay = Relay.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relay.close();
            stopped.countDown();
        }, "relay-shutdown"));
        PrintStream out = System.out;
        out.println("listening on " + relay.uri());
        out.flush();
        stopped.await();
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    static RelayConfig parse(String[] args) throws IOException {
        String host = "127.0.0.1";
        int port = 8080;
        ResumeTokens tokens = null;
        RelayLimits l = RelayLimits.defaults();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--host" -> host = value(args, ++i, a);
                case "--port" -> port = intValue(args, ++i, a, 0, 65535);
                case "--key-file" -> tokens = ResumeTokens.fromKeyFile(Path.of(value(args, ++i, a)));
                case "--max-text-bytes" -> l = l.withMessageBytes(intValue(args, ++i, a, 1024, Integer.MAX_VALUE),
                        l.maxBinaryBytes());
                case "--max-binary-bytes" -> l = l.withMessageBytes(l.maxTextBytes(),
                        intValue(args, ++i, a, 1024, Integer.MAX_VALUE));
                case "--no-binary" -> l = l.withBinary(false);
                case "--cap-loopback" -> l = l.withLoopbackCapped(true);
                case "--max-connections-per-address" -> l = l.withMaxConnectionsPerAddress(
                        intValue(args, ++i, a, 0, Integer.MAX_VALUE));
                case "--idle-timeout" -> l = l.withIdle(l.pingInterval(),
                        Duration.ofSeconds(intValue(args, ++i, a, 1, 86_400)));
                case "--ping-interval" -> l = l.withIdle(Duration.ofSeconds(intValue(args, ++i, a, 1, 86_400)),
                        l.idleTimeout());
                case "--stats-interval" -> l = l.withStatsLogInterval(
                        Duration.ofSeconds(intValue(args, ++i, a, 0, 86_400)));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new RelayConfig(host, port, l, tokens == null ? ResumeTokens.random() : tokens, 0);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int intValue(String[] args, int i, String option, int min, int max) {
        String v = value(args, i, option);
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(option + " must be " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got " + v);
        }
    }
}
