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
 * @param requestsPerSecondPerTarget Request rate per (sending connection, target) pair; all sources together get
 *                                   {@value #SHARED_TARGET_FACTOR} times this per target, except each connection's
 *                                   first Request, which that shared cap never refuses (see RelayCore)
 * @param requestBurstPerTarget      Request burst per (sending connection, target) pair (shared: x{@value #SHARED_TARGET_FACTOR})
 * @param pingInterval            a ping is sent after this long without any frame from the client
 * @param idleTimeout             the connection is closed (1001) after this long without any frame (pongs count)
 * @param maxConnectionsPerAddress more simultaneous connections from one remote address get HTTP 429 (0 = no limit);
 *                                IPv6 clients count per /64 (one host usually owns a whole /64)
 * @param statsLogInterval        how often counters are logged (zero = never)
 * @param capLoopback             whether the per-address cap also applies to loopback clients (127.0.0.0/8, ::1);
 *                                off by default: local tools and a reverse proxy on the same host all share one
 *                                loopback address
 * @param frameBytes              largest single frame payload; 0 = as large as the largest message (one message
 *                                may be one frame). A gateway with its own frame quota (AWS: 32 KB) sets it.
 * @param outboundBudgetBytes     bytes queued towards all clients together; past it every connection that forwards
 *                                data stops being read until the total drains below half (0 = no global budget)
 * @param maxConnections          simultaneous connections in total; more get HTTP 503 (0 = no limit)
 * @param upgradeTimeout          a connection that has not completed its WebSocket upgrade (or plain HTTP request)
 *                                this long after accept is closed, however slowly it trickles bytes
 * @param ownerOnly               route only to and from owner connections (see {@code RelayCore#addOwner}): the
 *                                relay built into a sender serves that sender's transfers, not strangers talking to
 *                                each other
 */
public record RelayLimits(int maxTextBytes, int maxBinaryBytes, boolean binary,
                          int outboundHighWaterBytes, long outboundMaxBytes,
                          double requestsPerSecondPerSource, int requestBurstPerSource,
                          double requestsPerSecondPerTarget, int requestBurstPerTarget,
                          Duration pingInterval, Duration idleTimeout,
                          int maxConnectionsPerAddress, Duration statsLogInterval, boolean capLoopback,
                          int frameBytes, long outboundBudgetBytes, int maxConnections, Duration upgradeTimeout,
                          boolean ownerOnly) {

    /** How many times the per-pair Request rate and burst all sources of one target share. */
    public static final int SHARED_TARGET_FACTOR = 4;

    /**
     * Defaults: 256 KiB text, 1 MiB + 4 KiB binary, 4 MiB high water, 16 MiB hard cap, 256 MiB queued in total,
     * 10,000 connections, 10 s to upgrade, ...
     */
    public static RelayLimits defaults() {
        return new RelayLimits(256 * 1024, 1024 * 1024 + 4096, true,
                4 * 1024 * 1024, 16L * 1024 * 1024,
                2, 10, 5, 20,
                Duration.ofSeconds(30), Duration.ofSeconds(90),
                64, Duration.ofSeconds(60), false, 0,
                256L * 1024 * 1024, 10_000, Duration.ofSeconds(10), false);
    }

    /**
     * The relay built into a sender: owner-only routing, a 64 MiB outbound budget (it shares the sender's JVM) and
     * at most 1,024 connections.
     */
    public static RelayLimits forSender() {
        return defaults().withOutboundBudget(64L * 1024 * 1024).withMaxConnections(1024).withOwnerOnly(true);
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
        return new RelayLimits(text, binaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes, requestsPerSecondPerSource,
                requestBurstPerSource, requestsPerSecondPerTarget, requestBurstPerTarget, pingInterval,
                idleTimeout, maxConnectionsPerAddress, statsLogInterval, capLoopback, frameBytes,
                outboundBudgetBytes, maxConnections, upgradeTimeout, ownerOnly);
    }

    public RelayLimits withBinary(boolean enabled) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, enabled, outboundHighWaterBytes, outboundMaxBytes,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget,
                requestBurstPerTarget, pingInterval, idleTimeout, maxConnectionsPerAddress, statsLogInterval,
                capLoopback, frameBytes, outboundBudgetBytes, maxConnections, upgradeTimeout, ownerOnly);
    }

    public RelayLimits withOutbound(int highWater, long max) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, highWater, max, requestsPerSecondPerSource,
                requestBurstPerSource, requestsPerSecondPerTarget, requestBurstPerTarget, pingInterval,
                idleTimeout, maxConnectionsPerAddress, statsLogInterval, capLoopback, frameBytes,
                outboundBudgetBytes, maxConnections, upgradeTimeout, ownerOnly);
    }

    public RelayLimits withRequestRates(double perSource, int sourceBurst, double perTarget, int targetBurst) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes, perSource,
                sourceBurst, perTarget, targetBurst, pingInterval, idleTimeout, maxConnectionsPerAddress,
                statsLogInterval, capLoopback, frameBytes, outboundBudgetBytes, maxConnections, upgradeTimeout, ownerOnly);
    }

    public RelayLimits withIdle(Duration ping, Duration timeout) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget,
                requestBurstPerTarget, ping, timeout, maxConnectionsPerAddress, statsLogInterval, capLoopback,
                frameBytes, outboundBudgetBytes, maxConnections, upgradeTimeout, ownerOnly);
    }

    public RelayLimits withMaxConnectionsPerAddress(int max) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget,
                requestBurstPerTarget, pingInterval, idleTimeout, max, statsLogInterval, capLoopback,
                frameBytes, outboundBudgetBytes, maxConnections, upgradeTimeout, ownerOnly);
    }

    public RelayLimits withStatsLogInterval(Duration interval) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget,
                requestBurstPerTarget, pingInterval, idleTimeout, maxConnectionsPerAddress, interval,
                capLoopback, frameBytes, outboundBudgetBytes, maxConnections, upgradeTimeout, ownerOnly);
    }

    public RelayLimits withLoopbackCapped(boolean capped) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget,
                requestBurstPerTarget, pingInterval, idleTimeout, maxConnectionsPerAddress, statsLogInterval,
                capped, frameBytes, outboundBudgetBytes, maxConnections, upgradeTimeout, ownerOnly);
    }

    public RelayLimits withFrameBytes(int bytes) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget,
                requestBurstPerTarget, pingInterval, idleTimeout, maxConnectionsPerAddress, statsLogInterval,
                capLoopback, bytes, outboundBudgetBytes, maxConnections, upgradeTimeout, ownerOnly);
    }

    public RelayLimits withOutboundBudget(long bytes) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget,
                requestBurstPerTarget, pingInterval, idleTimeout, maxConnectionsPerAddress, statsLogInterval,
                capLoopback, frameBytes, bytes, maxConnections, upgradeTimeout, ownerOnly);
    }

    public RelayLimits withMaxConnections(int max) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget,
                requestBurstPerTarget, pingInterval, idleTimeout, maxConnectionsPerAddress, statsLogInterval,
                capLoopback, frameBytes, outboundBudgetBytes, max, upgradeTimeout, ownerOnly);
    }

    public RelayLimits withOwnerOnly(boolean only) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget,
                requestBurstPerTarget, pingInterval, idleTimeout, maxConnectionsPerAddress, statsLogInterval,
                capLoopback, frameBytes, outboundBudgetBytes, maxConnections, upgradeTimeout, only);
    }

    public RelayLimits withUpgradeTimeout(Duration timeout) {
        return new RelayLimits(maxTextBytes, maxBinaryBytes, binary, outboundHighWaterBytes, outboundMaxBytes,
                requestsPerSecondPerSource, requestBurstPerSource, requestsPerSecondPerTarget,
                requestBurstPerTarget, pingInterval, idleTimeout, maxConnectionsPerAddress, statsLogInterval,
                capLoopback, frameBytes, outboundBudgetBytes, maxConnections, timeout, ownerOnly);
    }
}
