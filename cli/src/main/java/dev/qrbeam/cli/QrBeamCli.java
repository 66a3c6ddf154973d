package dev.qrbeam.cli;

import dev.qrbeam.protocol.message.ForeignText;
import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar qrbeam.jar send|receive|relay ...}. Errors are one line on stderr; {@code --verbose} adds debug
 * logs and stack traces. Exit codes: see {@link ExitCode}.
 */
@Command(
        name = "qrbeam",
        mixinStandardHelpOptions = true,
        version = "qrbeam 0.1.0",
        description = "Send files to another computer through a relay, end-to-end encrypted, resumable.",
        subcommands = {SendCommand.class, ReceiveCommand.class, RelayCommand.class})
public final class QrBeamCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: send, receive or relay");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /** {@link #run(String[], PrintStream, PrintStream)} with {@code in} as standard input (codes given as "-"). */
    public static int run(String[] args, java.io.InputStream in, PrintStream out, PrintStream err) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        CommandLine cli = new CommandLine(new QrBeamCli());
        ((ReceiveCommand) cli.getSubcommands().get("receive").getCommand()).stdin = in;
        ((SendCommand) cli.getSubcommands().get("send").getCommand()).stdin = in;
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            err.println(
                    "error: " + ForeignText.printable(ex.getMessage() == null ? ex.toString() : ex.getMessage(), 500));
            if (verbose) {
                ex.printStackTrace(err);
            }
            return ex instanceof dev.qrbeam.core.api.TransferException te
                    ? ExitCode.of(te.code()).code
                    : ExitCode.IO.code;
        });
        return cli.execute(args);
    }
}
