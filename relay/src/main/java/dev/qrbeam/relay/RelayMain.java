package dev.qrbeam.relay;

import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.core.ResumeTokens;
import dev.qrbeam.relay.tls.TlsFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone relay: {@code java -jar qrbeam-relay.jar [--host 127.0.0.1] [--port 8080] [--key-file FILE] ...}.
 * Prints exactly one line {@code listening on ws://HOST:PORT/} (or {@code wss://} with {@code --tls-cert} and
 * {@code --tls-key}) on stdout once accepting; logs go to stderr; SIGTERM/SIGINT stop it cleanly (clients get close
 * 1001). The one option parser for both this jar and the CLI's {@code qrbeam relay}.
 */
public final class RelayMain {
    private static final String USAGE = """
            usage: java -jar qrbeam-relay.jar [options]
              --host HOST                     address to bind (default 127.0.0.1)
              --port PORT                     port, 0 = any free port (default 8080)
              --tls-cert FILE --tls-key FILE  serve wss:// from a PEM certificate chain and its PEM key (PKCS#8, or
                                              PKCS#1 RSA; e.g. certbot's fullchain.pem and privkey.pem); both are
                                              read again when they change (renewals need no restart)
              --key-file FILE                 resume-token key; created if missing (ids then survive restarts)
              --max-text-bytes N              largest text message (default 262144)
              --max-binary-bytes N            largest binary message (default 1052672)
              --max-message N                 both of the above
              --no-binary                     accept text only (like AWS API Gateway); alias --text-only
              --max-connections-per-address N (default 64, 0 = unlimited; loopback clients exempt)
              --cap-loopback                  apply the per-address cap to loopback clients too
              --idle-timeout SECONDS          close after this long without any frame (default 90)
              --ping-interval SECONDS         ping a quiet client after this long (default 30)
              --max-connections N             connections in total (default 10000, 0 = unlimited)
              --outbound-budget-mib N         bytes queued towards all clients, MiB (default 256, 0 = unlimited)
              --upgrade-timeout SECONDS       accept-to-upgrade deadline (default 10)
              --stats-interval SECONDS        log counters this often (default 60, 0 = never)
              --verbose                       debug logging
            """;

    private RelayMain() {}

    public static void main(String[] args) throws Exception {
        defaultProperty("org.slf4j.simpleLogger.logFile", "System.err");
        defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        defaultProperty("org.slf4j.simpleLogger.showDateTime", "true");
        defaultProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Parses {@code args}, runs the relay until the JVM shuts down and returns the exit code (2: bad options or
     * unusable TLS files; 0 after {@code --help}). Blocks while the relay runs.
     */
    public static int run(String[] args) throws InterruptedException {
        RelayConfig config;
        RelayHandle relay;
        try {
            config = parse(args);
            if (config == null) {
                System.out.print(USAGE);
                return 0;
            }
            relay = Relay.start(config);
        } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            relay.close();
                            stopped.countDown();
                        },
                        "relay-shutdown"));
        PrintStream out = System.out;
        out.println("listening on " + relay.uri());
        out.flush();
        stopped.await();
        return 0;
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
        Path cert = null;
        Path key = null;
        RelayLimits l = RelayLimits.defaults();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--host" -> host = value(args, ++i, a);
                case "--port" -> port = intValue(args, ++i, a, 0, 65535);
                case "--key-file", "--key" -> tokens = ResumeTokens.fromKeyFile(Path.of(value(args, ++i, a)));
                case "--tls-cert" -> cert = Path.of(value(args, ++i, a));
                case "--tls-key" -> key = Path.of(value(args, ++i, a));
                case "--max-message" -> {
                    int n = intValue(args, ++i, a, 1024, Integer.MAX_VALUE);
                    l = l.withMessageBytes(n, n);
                }
                case "--verbose" -> System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
                case "--max-text-bytes" ->
                    l = l.withMessageBytes(intValue(args, ++i, a, 1024, Integer.MAX_VALUE), l.maxBinaryBytes());
                case "--max-binary-bytes" ->
                    l = l.withMessageBytes(l.maxTextBytes(), intValue(args, ++i, a, 1024, Integer.MAX_VALUE));
                case "--no-binary", "--text-only" -> l = l.withBinary(false);
                case "--cap-loopback" -> l = l.withLoopbackCapped(true);
                case "--max-connections-per-address" ->
                    l = l.withMaxConnectionsPerAddress(intValue(args, ++i, a, 0, Integer.MAX_VALUE));
                case "--idle-timeout" ->
                    l = l.withIdle(l.pingInterval(), Duration.ofSeconds(intValue(args, ++i, a, 1, 86_400)));
                case "--ping-interval" ->
                    l = l.withIdle(Duration.ofSeconds(intValue(args, ++i, a, 1, 86_400)), l.idleTimeout());
                case "--max-connections" -> l = l.withMaxConnections(intValue(args, ++i, a, 0, Integer.MAX_VALUE));
                case "--outbound-budget-mib" ->
                    l = l.withOutboundBudget((long) intValue(args, ++i, a, 0, 1 << 20) << 20);
                case "--upgrade-timeout" ->
                    l = l.withUpgradeTimeout(Duration.ofSeconds(intValue(args, ++i, a, 1, 3600)));
                case "--stats-interval" ->
                    l = l.withStatsLogInterval(Duration.ofSeconds(intValue(args, ++i, a, 0, 86_400)));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        RelayConfig config = new RelayConfig(host, port, l, tokens == null ? ResumeTokens.random() : tokens, 0);
        return cert == null ? config : config.withTls(new TlsFiles(cert, key));
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
