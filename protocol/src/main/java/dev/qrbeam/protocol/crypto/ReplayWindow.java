package dev.qrbeam.protocol.crypto;

/**
 * Anti-replay window over record counters (as in IPsec/DTLS): accepts each counter at most once, tolerates
 * reordering up to {@link #SIZE} records (AWS delivers Lambda-posted messages out of order), and refuses
 * anything older as {@link RecordError#TOO_OLD} — the receiver then simply reports that chunk missing again.
 */
final class ReplayWindow {
    /** Reordering tolerance in records. */
    static final int SIZE = 4096;

    private final long[] bits = new long[SIZE / 64];
    private long highest = -1;

    /** Marks {@code counter} as seen, or throws if it was seen before or is too old. Call only after authentication. */
    synchronized void accept(long counter) throws RecordException {
        if (counter < 0) {
            throw new RecordException(RecordError.MALFORMED, "Negative record counter");
        }
        if (counter > highest) {
            if (counter - highest >= SIZE) {
                java.util.Arrays.fill(bits, 0L);
            } else {
                for (long c = highest + 1; c < counter; c++) {
                    clear(c);
                }
            }
            highest = counter;
            set(counter);
            return;
        }
        if (highest - counter >= SIZE) {
            throw new RecordException(RecordError.TOO_OLD, "Record " + counter + " is older than the replay window");
        }
        if (isSet(counter)) {
            throw new RecordException(RecordError.REPLAYED, "Record " + counter + " was already received (replay)");
        }
        set(counter);
    }

    private int index(long c) {
        return (int) (c % SIZE);
    }

    private boolean isSet(long c) {
        int i = index(c);
        return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private void set(long c) {
        int i = index(c);
        bits[i >>> 6] |= 1L << (i & 63);
    }

    private void clear(long c) {
        int i = index(c);
        bits[i >>> 6] &= ~(1L << (i & 63));
    }
}
