package dev.qrbeam.app.desktop;

import dev.qrbeam.app.platform.SingleInstance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Start-up through {@link SingleInstance}'s hand-over API, robust to launches that arrive together: Windows
 * Explorer starts one process per selected file for a context-menu verb, so several QRBeam processes race.
 * One becomes primary; the others retry the hand-over until the primary has published its port (it
 * holds the lock a moment before that), instead of each opening a window of its own.
 */
public final class InstanceHandOver {
    /** The outcome of start-up. */
    public enum Result {
        /** This process runs the window; files from later launches go to the consumer. */
        PRIMARY,
        /** The files went to the running window: this process exits. */
        HANDED_OFF,
        /** The running instance never answered (hung or exiting): this process runs on its own. */
        ALONE
    }

    static final long RETRY_MS = 100;

    private final SingleInstance single;
    private final long waitMs;

    /** @param waitMs how long to keep trying to reach a primary that holds the lock */
    public InstanceHandOver(SingleInstance single, long waitMs) {
        this.single = single;
        this.waitMs = waitMs;
    }

    public Result start(List<Path> files, Consumer<List<Path>> laterFiles) throws IOException {
        long deadline = System.nanoTime() + waitMs * 1_000_000;
        while (true) {
            if (single.becomePrimary(laterFiles)) {
                return Result.PRIMARY;
            }
            if (single.handOff(files)) {
                return Result.HANDED_OFF;
            }
            if (System.nanoTime() >= deadline) {
                return Result.ALONE;
            }
            try {
                Thread.sleep(RETRY_MS); // the primary is between taking the lock and publishing its port
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.ALONE;
            }
        }
    }
}
