package dev.qrbeam.cli;

import dev.qrbeam.core.api.TransferListener;
import dev.qrbeam.core.api.TransferProgress;
import dev.qrbeam.core.api.TransferState;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows transfer progress on stderr: a progress bar when attached to a terminal, otherwise one plain line per
 * second and one per state change (for logs and pipes).
 */
final class ProgressView implements TransferListener, AutoCloseable {
    private final String task;
    private final boolean terminal;
    private final PrintWriter err;
    private ProgressBar bar;
    private TransferState lastState;
    private long lastLine;

    ProgressView(String task, boolean terminal, PrintWriter err) {
        this.task = task;
        this.terminal = terminal;
        this.err = err;
    }

    @Override
    public synchronized void onProgress(TransferProgress p) {
        if (terminal && p.totalBytes() > 0 && p.state() == TransferState.TRANSFERRING && bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(p.totalBytes())
                    .setUnit("MiB", 1 << 20)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .showSpeed()
                    .setUpdateIntervalMillis(200)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                    .build();
        }
        if (bar != null) {
            bar.stepTo(p.bytesDone());
            bar.setExtraMessage(p.bytesResent() > 0 ? "re-sent " + mib(p.bytesResent()) : "");
            if (p.state().isTerminal()) {
                bar.close();
                bar = null;
            }
        }
        long now = System.nanoTime();
        boolean stateChanged = p.state() != lastState;
        lastState = p.state();
        if (bar == null && (stateChanged || now - lastLine > 1_000_000_000L)) {
            lastLine = now;
            err.println(line(p));
            err.flush();
        }
    }

    static String line(TransferProgress p) {
        StringBuilder b = new StringBuilder(p.state().name().toLowerCase(java.util.Locale.ROOT));
        if (p.totalBytes() > 0) {
            b.append(String.format(
                    " %5.1f%% %s/%s %.1f MB/s",
                    p.fraction() * 100, mib(p.bytesDone()), mib(p.totalBytes()), p.bytesPerSecond() / 1e6));
            if (p.eta() != null && !p.state().isTerminal()) {
                b.append(" ETA ").append(eta(p.eta()));
            }
            if (p.bytesResent() > 0) {
                b.append(" re-sent ").append(mib(p.bytesResent()));
            }
        }
        return b.toString();
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    private static String eta(Duration d) {
        long s = d.toSeconds();
        return s >= 3600
                ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
