package dev.qrbeam.core.cli;

import dev.qrbeam.relay.Relay;
import dev.qrbeam.relay.RelayConfig;
import dev.qrbeam.relay.RelayHandle;
import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.core.ResumeTokens;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code relay [--host H] [--port P]}: runs the standalone relay until SIGTERM/Ctrl-C. */
@Command(name = "relay", description = "Run a relay. Prints 'listening on ws://HOST:PORT/'.")
final class RelayCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default 127.0.0.1).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port; 0 picks a free one (default 8080).")
    int port;

    @Option(names = "--key", description = "Resume key file: ids survive a relay restart.")
    Path key;

    @Option(names = "--text-only", description = "Refuse binary frames (behave like AWS API Gateway).")
    boolean textOnly;

    @Option(names = "--max-message", description = "Largest text and binary message in bytes (default 256 KiB text, 1 MiB + 4 KiB binary).")
    Integer maxMessage;

    @Option(names = "--verbose", description = "Debug logging.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        RelayLimits limits = RelayLimits.defaults().withBinary(!textOnly);
        if (maxMessage != null) {
            limits = limits.withMessageBytes(maxMessage, maxMessage);
        }
        ResumeTokens tokens = key == null ? ResumeTokens.random() : ResumeTokens.fromKeyFile(key);
        RelayHandle relay = Relay.start(new RelayConfig(host, port, limits, tokens, 0));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relay.close();
            stop.countDown();
        }));
        System.out.println("listening on " + relay.uri());
        System.out.flush();
        stop.await();
        return 0;
    }
}
