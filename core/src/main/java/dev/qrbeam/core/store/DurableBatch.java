package dev.qrbeam.core.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Verified files waiting to be forced to disk before they get their final names. Forcing one small file at a time
 * costs a file-system journal commit each (~6 ms here, 10 minutes for 100,000 files); forcing a batch concurrently
 * lets the file system commit them together (~1 ms a file measured on ext4 under load).
 */
final class DurableBatch implements AutoCloseable {
    /** Files held before the batch is forced. */
    static final int MAX_FILES = 128;

    private static final int THREADS = 16;

    private final List<FileSink> sinks = new ArrayList<>();
    private ExecutorService pool;

    void add(FileSink sink) {
        sinks.add(sink);
    }

    boolean full() {
        return sinks.size() >= MAX_FILES;
    }

    boolean isEmpty() {
        return sinks.isEmpty();
    }

    /** Forces and closes every held file; returns them in the order added and empties the batch. */
    List<FileSink> forceAll() throws IOException {
        if (sinks.size() == 1) {
            sinks.get(0).force();
        } else if (!sinks.isEmpty()) {
            if (pool == null) {
                pool = Executors.newFixedThreadPool(THREADS, r -> {
                    Thread t = new Thread(r, "qrbeam-store-force");
                    t.setDaemon(true);
                    return t;
                });
            }
            List<Future<Void>> done = new ArrayList<>();
            for (FileSink s : sinks) {
                done.add(pool.submit(() -> {
                    s.force();
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                await(f);
            }
        }
        for (FileSink s : sinks) {
            s.close();
        }
        List<FileSink> out = List.copyOf(sinks);
        sinks.clear();
        return out;
    }

    private static void await(Future<Void> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while forcing files to disk");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** Closes held files without forcing them (they stay as verified {@code .part} files). */
    @Override
    public void close() throws IOException {
        for (FileSink s : sinks) {
            s.close();
        }
        sinks.clear();
        if (pool != null) {
            pool.shutdown();
        }
    }
}
