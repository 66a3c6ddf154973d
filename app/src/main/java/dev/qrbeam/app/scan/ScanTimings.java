package dev.qrbeam.app.scan;

import java.time.Duration;

/**
 * Time limits and pacing of scanning.
 *
 * @param discovery        longest wait for the driver to list cameras
 * @param open             longest wait for a camera to open
 * @param noPictureAfter   when an open camera without frames is reported as {@link ScanState#NO_PICTURE}
 * @param framePeriod      capture pacing (33 ms ≈ 30 fps preview)
 * @param minDecodeInterval least time between two decode attempts (decoding is throttled, never queued)
 * @param hint             how long the "not a QRBeam code" hint stays
 */
record ScanTimings(
        Duration discovery,
        Duration open,
        Duration noPictureAfter,
        Duration framePeriod,
        Duration minDecodeInterval,
        Duration hint) {
    /** Values for real cameras. */
    public static ScanTimings defaults() {
        return new ScanTimings(
                Duration.ofSeconds(6),
                Duration.ofSeconds(8),
                Duration.ofSeconds(4),
                Duration.ofMillis(33),
                Duration.ofMillis(80),
                Duration.ofMillis(2500));
    }

    /** A copy with other open/no-picture limits. */
    public ScanTimings withLimits(Duration discovery, Duration open, Duration noPictureAfter) {
        return new ScanTimings(discovery, open, noPictureAfter, framePeriod, minDecodeInterval, hint);
    }
}
