package dev.qrbeam.cli;

import dev.qrbeam.core.api.CodeHandle;
import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.api.TransferHandle;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.protocol.json.WireJson;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code receive [--out DIR] [CODE|-|--ask]}: exits 0 once every file is verified and in place. Without a code it
 * shows one ({@code code: <url>} and the QR) for a phone to send to (docs/protocol-transfer.md §6b).
 */
@Command(
        name = "receive",
        mixinStandardHelpOptions = true,
        description = {
            "Receive files with a pairing code. Run it again with the same code to resume.",
            "Without a code: shows a code (one line 'code: <url>' and a QR code) for a phone to scan and send files to;"
                    + " exits once every file is verified and in place.",
            "To type a code without it showing on screen or in the process list, use --ask (or - to read it from standard"
                    + " input)."
        })
final class ReceiveCommand implements Callable<Integer> {
    @Option(names = "--out", description = "Destination folder (default: current folder).", defaultValue = ".")
    Path out;

    @Mixin
    CommonOptions common;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CODE", arity = "0..1", description = CodeInput.HELP)
    String code;

    @Option(names = "--ask", description = "Ask for the pairing code on the terminal (not echoed).")
    boolean ask;

    @Option(
            names = "--relay",
            description = "Without a code: show the code on this relay (wss://, https://, ws://)"
                    + " instead of the built-in one.")
    java.net.URI relay;

    @Option(names = "--no-qr", description = "Without a code: do not draw the QR code.")
    boolean noQr;

    /** Standard input ({@code -}); set by {@link QrBeamCli}. */
    java.io.InputStream stdin = System.in;

    @Override
    public Integer call() throws java.io.IOException {
        EngineConfig config = common.apply(EngineConfig.defaults());
        if (relay != null) {
            config = config.withRelay(relay);
        }
        ProgressView view = new ProgressView(
                "Receiving", common.terminal(), spec.commandLine().getErr());
        try (QrBeamEngine engine = new QrBeamEngine(config, new WireJson(), new SecureRandom())) {
            TransferHandle handle;
            if (code == null && !ask) {
                CodeHandle shown = engine.receiveShowingCode(out, view);
                CodeDisplay.show(shown.pairingCode(), !noQr, spec.commandLine().getOut());
                handle = shown;
            } else {
                handle = engine.receive(CodeInput.resolve(code, stdin, spec.commandLine()), out, view);
            }
            int rc = TransferRunner.await(
                    handle,
                    view,
                    spec.commandLine().getErr(),
                    handle instanceof CodeHandle
                            ? "interrupted: this code is no longer valid; run receive again for a new code"
                            : "interrupted: run the same command again to resume",
                    handle instanceof CodeHandle ? handle::cancel : () -> {});
            if (rc == 0) {
                spec.commandLine()
                        .getOut()
                        .println("received into " + out.toAbsolutePath().normalize());
            }
            return rc;
        }
    }
}
