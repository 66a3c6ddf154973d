package dev.qrbeam.app.platform;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs network, disk and hashing work off the FX thread. One per app, closed with it. */
public final class Background implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Background.class);
    private final ExecutorService pool;

    public Background() {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "qrbeam-bg-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public <T> CompletableFuture<T> supply(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        pool.execute(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Runs {@code work}; a failure is logged (callers of a fire-and-forget task do not look at the result). */
    public CompletableFuture<Void> run(ThrowingRunnable work) {
        CompletableFuture<Void> result = supply(() -> {
            work.run();
            return null;
        });
        result.whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("background task failed", e);
            }
        });
        return result;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A unit of background work that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
