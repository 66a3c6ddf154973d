package dev.qrbeam.relay.aws;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A counter tests can wait on (no sleeps): {@link #await} blocks until it reaches a value or times out. */
final class AwaitableCount {
    private final String what;
    private int count;

    AwaitableCount(String what) {
        this.what = what;
    }

    synchronized void increment() {
        count++;
        notifyAll();
    }

    synchronized int get() {
        return count;
    }

    synchronized void await(int atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count < atLeast) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("only " + count + " of " + atLeast + " " + what + " within " + timeout);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
