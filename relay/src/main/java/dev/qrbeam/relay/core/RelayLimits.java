package dev.qrbeam.relay.core;

import dev.qrbeam.protocol.message.Limits;

import java.time.Duration;

/**
 * Configurable relay limits. Start from {@link #defaults()} and adjust with the {@code with...} methods.
 *
 * @param maxTextBytes            largest text message; beyond it the connection is closed with 1009
 * @param maxBinaryBytes          largest binary message; beyond it 1009
 * @param binary                  whether binary Transfer frames are accepted (else close 1003)
 * @param outboundHighWaterBytes  queued bytes at which a connection counts as unwritable: senders to it are
 *                                paused (no more reads) until it drains below half of this
 * @param outboundMaxBytes        queued bytes beyond which a non-reading client is disconnected (1008)
 * @param requestsPerSecondPerSource Request rate per sending connection
 * @param requestBurstPerSource      Request burst per sending connection
 * @param requestsPerSecondPerTarget Request rate per target id
 * @param requestBurstPerTarget      Request burst per target id
 * @param pingInterval            a ping is sent after this long without any frame from the client
 * @param idleTimeout             the connection is closed (1001) after this long without any frame (pongs count)
 * @param maxConnectionsPerAddress more simultaneous connections from one remote address get HTTP 429 (0 = no limit)
 * @param statsLogInterval        how often counters are logged (zero = never)
 * @param capLoopback             whether the per-address cap also applies to loopback clients (127.0.0.0/8, ::1);
 *                                off by default: local tools and a reverse proxy on the same host all share one
 *                                loopback address
 * @param frameBytes              largest single frame payload; 0 = as large as the largest message (one message
 *                                may be one frame). A gateway with its own frame quota (AWS: 32 KB) sets it.
 */
public record RelayLimits(int maxTextBytes, int maxBinaryBytes, boolean binary,
                          int outboundHighWaterBytes, long outboundMaxBytes,
                          double requestsPerSecondPerSource, int requestBurstPerSource,
                          double requestsPerSecondPerTarget, int requestBurstPerTarget,
                          Duration pingInterval, Duration idleTimeout,
                          int maxConnectionsPerAddress, Duration statsLogInterval, boolean capLoopback,
                          int frameBytes) {

    /** Defaults: 256 KiB text, 1 MiB + 4 KiB binary, 4 MiB high water, 16 MiB hard cap, ... */
    public static RelayLimits defaults() {
        return new RelayLimits(256 * 1024, 1024 * 1024 + 4096, true,
                4 * 1024 * 1024, 16L * 1024 * 1024,
                2, 10, 5, 20,
                Duration.ofSeconds(30), Duration.ofSeconds(90),
                64, Duration.ofSeconds(60), false, 0);
    }

    /** The largest frame payload accepted: {@link #frameBytes} if set, else the largest message. */
    public int maxFrameBytes() {
        int largestMessage = binary ? Math.max(maxTextBytes, maxBinaryBytes) : maxTextBytes;
        return frameBytes > 0 ? Math.min(frameBytes, largestMessage) : largestMessage;
    }

    /** The wire form advertised in the Connect reply. */
    public Limits advertised() {
        return new Limits(maxTextBytes, binary ? maxBinaryBytes : 0, binary, maxFrameBytes());
    }

    public RelayLimits withMessageBytes(int text, int binaryBytes) {
        return new RelayLimits(text, binaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget, requestBurstPerTarget,
                pingInterval, idleTimeout, maxConnectionsPerAddress, statsLogInterval, capLoopback, frameBytes);
    }

    public RelayLimits withBinary(boolean enabled) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, enabled, outboundHighWaterBytes, outboundMaxBytes,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget, requestBurstPerTarget,
                pingInterval, idleTimeout, maxConnectionsPerAddress, statsLogInterval, capLoopback, frameBytes);
    }

    public RelayLimits withOutbound(int highWater, long max) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, highWater, max,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget, requestBurstPerTarget,
                pingInterval, idleTimeout, maxConnectionsPerAddress, statsLogInterval, capLoopback, frameBytes);
    }

    public RelayLimits withRequestRates(double perSource, int sourceBurst, double perTarget, int targetBurst) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes,
                perSource, sourceBurst, perTarget, targetBurst,
                pingInterval, idleTimeout, maxConnectionsPerAddress, statsLogInterval, capLoopback, frameBytes);
    }

    public RelayLimits withIdle(Duration ping, Duration timeout) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget, requestBurstPerTarget,
                ping, timeout, maxConnectionsPerAddress, statsLogInterval, capLoopback, frameBytes);
    }

    public RelayLimits withMaxConnectionsPerAddress(int max) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget, requestBurstPerTarget,
                pingInterval, idleTimeout, max, statsLogInterval, capLoopback, frameBytes);
    }

    public RelayLimits withStatsLogInterval(Duration interval) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget, requestBurstPerTarget,
                pingInterval, idleTimeout, maxConnectionsPerAddress, interval, capLoopback, frameBytes);
    }

    public RelayLimits withLoopbackCapped(boolean capped) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget, requestBurstPerTarget,
                pingInterval, idleTimeout, maxConnectionsPerAddress, statsLogInterval, capped, frameBytes);
    }

    public RelayLimits withFrameBytes(int bytes) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget, requestBurstPerTarget,
                pingInterval, idleTimeout, maxConnectionsPerAddress, statsLogInterval, capLoopback, bytes);
    }
}
