package dev.qrbeam.app.platform;

import dev.qrbeam.core.store.PrivateFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One running window per user. The first launch holds a lock file in the config folder and listens on a
 * loopback port, written next to it with a random per-run token in an owner-only file ({@link PrivateFiles}:
 * other local users cannot read it); a later launch sends its file arguments there and exits.
 *
 * <p>Protocol, one UTF-8 line each: token, then absolute paths, then an empty line; reply "OK". Each connection
 * is handled off the accept thread, within {@value #DEADLINE_MS} ms in all and the bounds of
 * {@link HandOverReader}; at most {@value #HANDLERS} at a time. Files handed over come from another process:
 * the receiver of {@code onFiles} shows them for the user to confirm and never sends them (or makes a code)
 * without a click.
 */
public final class SingleInstance implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 2000;
    static final int DEADLINE_MS = 5000;
    static final int HANDLERS = 4;

    private final AppPaths paths;
    private FileChannel lockChannel;
    private FileLock lock;
    private ServerSocket server;
    private Thread acceptor;
    private ThreadPoolExecutor handlers;
    private ScheduledExecutorService deadlines;

    public SingleInstance(AppPaths paths) {
        this.paths = paths;
    }

    /**
     * Tries to become the primary instance. Returns true when this process is now primary (and will
     * pass files from later launches to {@code onFiles}, on a handler thread); false when another instance
     * already runs. The files are untrusted: show them for confirmation, never send them unasked.
     */
    public synchronized boolean becomePrimary(Consumer<List<Path>> onFiles) throws IOException {
        PrivateFiles.createDirectories(paths.home());
        lockChannel = FileChannel.open(paths.instanceLockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            lockChannel.close();
            lockChannel = null;
            return false;
        }
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        String token = newToken();
        PrivateFiles.write(
                paths.instancePortFile(),
                (server.getLocalPort() + "\n" + token + "\n").getBytes(StandardCharsets.UTF_8));
        handlers = new ThreadPoolExecutor(
                HANDLERS,
                HANDLERS,
                30,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                daemon("qrbeam-single-instance-client"));
        handlers.allowCoreThreadTimeOut(true);
        deadlines = Executors.newSingleThreadScheduledExecutor(daemon("qrbeam-single-instance-deadline"));
        acceptor = new Thread(() -> acceptLoop(token, onFiles), "qrbeam-single-instance");
        acceptor.setDaemon(true);
        acceptor.start();
        return true;
    }

    /** Sends {@code files} to the running instance; true when it acknowledged them. */
    public boolean handOff(List<Path> files) {
        try {
            List<String> lines = Files.readAllLines(paths.instancePortFile(), StandardCharsets.UTF_8);
            int port = Integer.parseInt(lines.get(0).trim());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MS);
                socket.setSoTimeout(CONNECT_TIMEOUT_MS);
                Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
                out.write(lines.get(1).trim() + "\n");
                for (Path f : files) {
                    out.write(f.toAbsolutePath() + "\n");
                }
                out.write("\n");
                out.flush();
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                return "OK".equals(in.readLine());
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void acceptLoop(String token, Consumer<List<Path>> onFiles) {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                continue; // closed (the loop ends) or a failed accept
            }
            try {
                handlers.execute(() -> handle(socket, token, onFiles));
            } catch (RejectedExecutionException e) {
                closeQuietly(socket); // all handlers busy: a flood does not queue up
            }
        }
    }

    private void handle(Socket socket, String token, Consumer<List<Path>> onFiles) {
        ScheduledFuture<?> deadline =
                deadlines.schedule(() -> closeQuietly(socket), DEADLINE_MS, TimeUnit.MILLISECONDS);
        try (socket) {
            socket.setSoTimeout(CONNECT_TIMEOUT_MS);
            List<Path> files = new HandOverReader(socket.getInputStream()).read(token);
            if (files == null) {
                return;
            }
            socket.getOutputStream().write("OK\n".getBytes(StandardCharsets.UTF_8));
            onFiles.accept(files);
        } catch (IOException | RuntimeException e) {
            // a broken or hostile client is dropped; the others are not affected
        } finally {
            deadline.cancel(false);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static String newToken() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        // 16 random bytes: only a process that can read the owner-only port file can hand files over
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Override
    public synchronized void close() {
        try {
            if (server != null) {
                server.close();
                handlers.shutdownNow();
                deadlines.shutdownNow();
                Files.deleteIfExists(paths.instancePortFile());
            }
            if (lock != null) {
                lock.release();
                lockChannel.close();
            }
        } catch (IOException e) {
            // closing on exit: nothing left to do
        }
    }
}
