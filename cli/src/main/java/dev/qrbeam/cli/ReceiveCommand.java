package dev.qrbeam.cli;

import dev.qrbeam.core.api.TransferHandle;
import dev.qrbeam.core.api.EngineConfig;
import dev.qrbeam.core.engine.QrBeamEngine;
import dev.qrbeam.protocol.json.WireJson;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code receive [--out DIR] [CODE|-]}: exits 0 once every file is verified and in place. */
@Command(name = "receive", mixinStandardHelpOptions = true, description = "Receive files with a pairing code. Run it again with the same code to resume.")
final class ReceiveCommand implements Callable<Integer> {
    @Option(names = "--out", description = "Destination folder (default: current folder).", defaultValue = ".")
    Path out;

    @Mixin
    CommonOptions common;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CODE", arity = "0..1", description = CodeInput.HELP)
    String code;

    /** Standard input ({@code -}); set by {@link QrBeamCli}. */
    java.io.InputStream stdin = System.in;

    @Override
    public Integer call() {
        EngineConfig config = common.apply(EngineConfig.defaults());
        ProgressView view = new ProgressView("Receiving", common.terminal(), spec.commandLine().getErr());
        try (QrBeamEngine engine = new QrBeamEngine(config, new WireJson(), new SecureRandom())) {
            TransferHandle handle = engine.receive(CodeInput.resolve(code, stdin, spec.commandLine()), out, view);
            int rc = TransferRunner.await(handle, view, spec.commandLine().getErr());
            if (rc == 0) {
                spec.commandLine().getOut().println("received into " + out.toAbsolutePath().normalize());
            }
            return rc;
        }
    }
}
