package dev.qrbeam.cli;

import dev.qrbeam.relay.RelayMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code relay [options]}: the standalone relay ({@link RelayMain}, same options and one parser), run until
 * SIGTERM/Ctrl-C. {@code qrbeam relay --help} lists the options.
 */
@Command(
        name = "relay",
        description = {
            "Run a relay. Prints 'listening on ws://HOST:PORT/' (wss:// with --tls-cert " + "and --tls-key).",
            "Options as for java -jar qrbeam-relay.jar: see 'qrbeam relay --help'."
        })
final class RelayCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return RelayMain.run(args.toArray(String[]::new));
    }
}
