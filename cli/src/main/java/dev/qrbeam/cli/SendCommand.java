package dev.qrbeam.cli;

import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.SendHandle;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.protocol.json.WireJson;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code send [--relay URL] FILE|DIR...}: prints {@code code: <pairing code>}, the QR, then progress. */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description = "Send files and folders. Prints 'code: <pairing code>' and a QR code.")
final class SendCommand implements Callable<Integer> {
    @Option(
            names = "--relay",
            description = "Internet relay URL (wss://, https://, ws://): registered on besides the "
                    + "built-in LAN relay; the code names both, receivers try the LAN first.")
    URI relay;

    @Option(names = "--relay-only", description = "Use only the --relay relay (no built-in relay on this machine).")
    boolean relayOnly;

    @Option(
            names = "--loopback",
            description = "Bind and advertise the embedded relay on 127.0.0.1 (also: QRBEAM_LOOPBACK=1).")
    boolean loopback;

    @Option(names = "--expiry", description = "Minutes the code admits a receiver (default 10).", defaultValue = "10")
    long expiryMinutes;

    @Option(
            names = "--resume",
            paramLabel = "CODE",
            description = "Continue an interrupted send with the same code; "
                    + "- reads it from standard input (arguments are visible to other local users).")
    String resume;

    /** Standard input ({@code --resume -}); set by {@link QrBeamCli}. */
    java.io.InputStream stdin = System.in;

    @Option(names = "--no-qr", description = "Do not draw the QR code.")
    boolean noQr;

    @Mixin
    CommonOptions common;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files and folders to send.")
    List<Path> files = List.of();

    @Override
    public Integer call() throws Exception {
        EngineConfig config = common.apply(EngineConfig.defaults()).withExpiry(Duration.ofMinutes(expiryMinutes));
        if (relay != null) {
            config = relayOnly ? config.withRelay(relay) : config.withInternetRelay(relay);
        } else if (relayOnly) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--relay-only needs --relay URL");
        }
        if (loopback) {
            config = config.withLoopback(true);
        }
        if (resume == null && files.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "give files to send, or --resume CODE");
        }
        ProgressView view = new ProgressView(
                "Sending", common.terminal(), spec.commandLine().getErr());
        try (QrBeamEngine engine = new QrBeamEngine(config, new WireJson(), new SecureRandom())) {
            SendHandle handle = resume != null
                    ? engine.resumeSend(CodeInput.resolve(resume, stdin, spec.commandLine()), view)
                    : engine.send(files, view);
            CodeDisplay.show(handle.pairingCode(), !noQr, spec.commandLine().getOut());
            return TransferRunner.await(handle, view, spec.commandLine().getErr());
        }
    }
}
