package dev.qrbeam.app.platform;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * One running window per user. The first launch holds a lock file in the config folder and listens on a
 * loopback port (written next to it with a random token); a later launch sends its file arguments there
 * and exits. Protocol, one UTF-8 line each: token, then absolute paths, then an empty line; reply "OK".
 */
public final class SingleInstance implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 2000;

    private final AppPaths paths;
    private FileChannel lockChannel;
    private FileLock lock;
    private ServerSocket server;
    private Thread acceptor;

    public SingleInstance(AppPaths paths) {
        this.paths = paths;
    }

    /**
     * Tries to become the primary instance. Returns true when this process is now primary (and will
     * pass files from later launches to {@code onFiles}); false when another instance already runs.
     */
    public synchronized boolean becomePrimary(Consumer<List<Path>> onFiles) throws IOException {
        Files.createDirectories(paths.home());
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
        Files.writeString(paths.instancePortFile(), server.getLocalPort() + "\n" + token + "\n", StandardCharsets.UTF_8);
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
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                return "OK".equals(in.readLine());
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void acceptLoop(String token, Consumer<List<Path>> onFiles) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(CONNECT_TIMEOUT_MS);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                if (!token.equals(in.readLine())) {
                    continue;
                }
                List<Path> files = new ArrayList<>();
                for (String line = in.readLine(); line != null && !line.isEmpty() && files.size() < 10_000; line = in.readLine()) {
                    files.add(Path.of(line));
                }
                socket.getOutputStream().write("OK\n".getBytes(StandardCharsets.UTF_8));
                onFiles.accept(files);
            } catch (IOException | RuntimeException e) {
                // a broken or hostile client must not stop the listener; the next accept carries on
            }
        }
    }

    private static String newToken() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Override
    public synchronized void close() {
        try {
            if (server != null) {
                server.close();
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
