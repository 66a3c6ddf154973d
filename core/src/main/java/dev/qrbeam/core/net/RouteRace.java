package dev.qrbeam.core.net;

import dev.qrbeam.protocol.pairing.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Happy-eyeballs dialling of a code's routes (RFC 8305 style): the first route starts at once, each further
 * address of the primary relay {@link RaceTimings#stagger()} later (or at once when every running attempt has
 * failed), separate relays (the internet fallback) not before {@link RaceTimings#headStart()}. The first attempt
 * whose relay connection completes wins; every other attempt is closed, also one that completes later. Only the
 * winner ever carries a handshake, so a losing attempt can never become a second receiver.
 *
 * @param <T> what a successful dial yields (a relay client with its link); closed when it loses
 */
public final class RouteRace<T extends AutoCloseable> {
    /** Dials one route within {@code timeout}; throws on failure. */
    @FunctionalInterface
    public interface Dialer<T> {
        T dial(Route route, Duration timeout) throws Exception;
    }

    /** The winning route, what its dial returned, and the attempts that failed before it. */
    public record Win<T>(Route route, T connection, List<Attempt> failed) {}

    private final List<Route> routes;
    private final Dialer<T> dialer;
    private final RaceTimings timings;
    private final AtomicBoolean decided = new AtomicBoolean();
    private final LinkedBlockingQueue<Result<T>> results = new LinkedBlockingQueue<>();

    public RouteRace(List<Route> routes, Dialer<T> dialer, RaceTimings timings) {
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("no route to race");
        }
        this.routes = List.copyOf(routes);
        this.dialer = dialer;
        this.timings = timings;
    }

    /** Runs the race on the calling thread; throws {@link RaceFailedException} listing every attempt if none wins. */
    public Win<T> run() throws RaceFailedException, InterruptedException {
        long[] planned = timings.plan(routes);
        // start in planned order (a separate relay listed before a LAN address still waits for its head start)
        int[] order = java.util.stream.IntStream.range(0, routes.size())
                .boxed()
                .sorted(java.util.Comparator.comparingLong(i -> planned[i]))
                .mapToInt(Integer::intValue)
                .toArray();
        long start = System.nanoTime();
        List<Attempt> failed = new ArrayList<>();
        int next = 0;
        int running = 0;
        try {
            while (true) {
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                while (next < routes.size() && (elapsed >= planned[order[next]] || running == 0)) {
                    launch(order[next++]);
                    running++;
                }
                long wait = next < routes.size() ? Math.max(1, planned[order[next]] - elapsed) : Long.MAX_VALUE;
                Result<T> r = results.poll(Math.min(wait, 60_000), TimeUnit.MILLISECONDS);
                if (r == null) {
                    continue;
                }
                running--;
                if (r.error == null) {
                    return new Win<>(routes.get(r.index), r.connection, List.copyOf(failed));
                }
                failed.add(
                        new Attempt(routes.get(r.index), r.error, r.millis, timings.timeoutFor(routes.get(r.index))));
                if (running == 0 && next == routes.size()) {
                    throw new RaceFailedException(
                            failed,
                            routes.stream().anyMatch(x -> !x.primaryRelay()),
                            (System.nanoTime() - start) / 1_000_000);
                }
            }
        } finally {
            synchronized (this) {
                decided.set(true);
                for (Result<T> late; (late = results.poll()) != null; ) {
                    closeQuietly(late.connection);
                }
            }
        }
    }

    private void launch(int index) {
        Route route = routes.get(index);
        Thread t = new Thread(
                () -> {
                    long t0 = System.nanoTime();
                    Result<T> r;
                    try {
                        r = new Result<>(index, dialer.dial(route, timings.timeoutFor(route)), null, 0);
                    } catch (Exception e) {
                        r = new Result<>(index, null, e, (System.nanoTime() - t0) / 1_000_000);
                    }
                    synchronized (this) {
                        if (decided.get()) {
                            closeQuietly(r.connection);
                        } else {
                            results.add(r);
                        }
                    }
                },
                "qrbeam-dial-" + route.endpoint());
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // a loser's connection: nothing to report
        }
    }

    private record Result<T>(int index, T connection, Exception error, long millis) {}
}
