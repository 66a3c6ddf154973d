package dev.qrbeam.cli;

import dev.qrbeam.core.api.TransferHandle;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.protocol.message.ForeignText;
import java.io.PrintWriter;
import java.util.concurrent.ExecutionException;

/** Waits for a transfer, keeps Ctrl-C resumable, and maps the outcome to an exit code with one clear line. */
final class TransferRunner {
    private TransferRunner() {}

    static int await(TransferHandle handle, ProgressView view, PrintWriter err) {
        return await(handle, view, err, "interrupted: run the same command again to resume", () -> {});
    }

    /**
     * @param interrupted the line Ctrl-C prints (a code-less receive cannot be resumed: its code is new each time)
     * @param onInterrupt runs first on Ctrl-C (a code-less receive cancels, which deletes its {@code .part} files)
     */
    static int await(
            TransferHandle handle, ProgressView view, PrintWriter err, String interrupted, Runnable onInterrupt) {
        Thread hook = new Thread(() -> {
            onInterrupt.run();
            view.close();
            err.println(interrupted);
            err.flush();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        TransferProgress end;
        try {
            end = handle.completion().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.INTERRUPTED.code;
        } catch (ExecutionException e) {
            err.println("error: " + ForeignText.printable(e.getCause().getMessage(), 500));
            return ExitCode.IO.code;
        } finally {
            view.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // shutting down
        }
        if (end.state() == TransferState.DONE) {
            err.println(ProgressView.line(end));
            err.flush();
            return ExitCode.OK.code;
        }
        err.println((end.state() == TransferState.CANCELLED ? "cancelled: " : "error: ")
                + (end.failure() == null
                        ? end.state()
                        : ForeignText.printable(end.failure().message(), 500)));
        err.flush();
        return end.failure() == null
                ? ExitCode.IO.code
                : ExitCode.of(end.failure().code()).code;
    }
}
