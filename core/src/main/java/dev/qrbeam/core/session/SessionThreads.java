package dev.qrbeam.core.session;

import dev.qrbeam.core.api.TransferFailure;
import dev.qrbeam.core.api.TransferState;
import dev.qrbeam.core.progress.ProgressTracker;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of one transfer: an ordered single-thread executor for control sends (so relay reader threads never
 * block on a send), a timer for ticks and timeouts, and the progress tracker. Shut down when the transfer ends.
 */
public final class SessionThreads {
    private static final Logger LOG = LoggerFactory.getLogger(SessionThreads.class);

    public final ProgressTracker progress;
    public final ExecutorService out;
    public final ScheduledExecutorService timer;

    public SessionThreads(String name, ProgressTracker progress) {
        this.progress = progress;
        this.out = Executors.newSingleThreadExecutor(r -> daemon(r, name + "-out"));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-timer"));
        timer.scheduleAtFixedRate(progress::tick, 100, 100, TimeUnit.MILLISECONDS);
    }

    public static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Runs an I/O action on the control-send thread; failures are logged (the sync logic recovers losses). */
    public void send(IoAction action) {
        try {
            out.execute(() -> {
                try {
                    action.run();
                } catch (Exception e) {
                    LOG.debug("control send failed: {}", e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("control send after shutdown dropped");
        }
    }

    public void end(TransferState terminal, TransferFailure why) {
        progress.end(terminal, why);
    }

    /** Lets queued control sends leave (up to 2 s), then stops the threads. */
    public void shutdown() {
        out.shutdown();
        try {
            out.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.shutdownNow();
        timer.shutdownNow();
    }

    /** An action that may throw. */
    @FunctionalInterface
    public interface IoAction {
        void run() throws Exception;
    }
}
