package dev.qrbeam.cli;

import dev.qrbeam.core.api.EngineConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every transfer command shares. */
final class CommonOptions {
    @Option(names = "--state-dir", description = "Where resume state is kept (default: $XDG_STATE_HOME/qrbeam).")
    Path stateDir;

    @Option(names = "--verbose", description = "Debug logging and stack traces.")
    boolean verbose;

    @Option(names = "--plain", description = "Plain progress lines even on a terminal.")
    boolean plain;

    EngineConfig apply(EngineConfig c) {
        return stateDir == null ? c : c.withStateDir(stateDir);
    }

    boolean terminal() {
        return !plain && System.console() != null;
    }
}
