package dev.qrbeam.relay.core;

import dev.qrbeam.protocol.message.Limits;
import java.time.Duration;
import java.util.function.Consumer;

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
public record RelayLimits(
        int maxTextBytes,
        int maxBinaryBytes,
        boolean binary,
        int outboundHighWaterBytes,
        long outboundMaxBytes,
        double requestsPerSecondPerSource,
        int requestBurstPerSource,
        double requestsPerSecondPerTarget,
        int requestBurstPerTarget,
        Duration pingInterval,
        Duration idleTimeout,
        int maxConnectionsPerAddress,
        Duration statsLogInterval,
        boolean capLoopback,
        int frameBytes,
        long outboundBudgetBytes,
        int maxConnections,
        Duration upgradeTimeout,
        boolean ownerOnly) {

    /** How many times the per-pair Request rate and burst all sources of one target share. */
    public static final int SHARED_TARGET_FACTOR = 4;

    /**
     * Defaults: 256 KiB text, 1 MiB + 4 KiB binary, 4 MiB high water, 16 MiB hard cap, 256 MiB queued in total,
     * 10,000 connections, 10 s to upgrade, ...
     */
    public static RelayLimits defaults() {
        return new RelayLimits(
                256 * 1024,
                1024 * 1024 + 4096,
                true,
                4 * 1024 * 1024,
                16L * 1024 * 1024,
                2,
                10,
                5,
                20,
                Duration.ofSeconds(30),
                Duration.ofSeconds(90),
                64,
                Duration.ofSeconds(60),
                false,
                0,
                256L * 1024 * 1024,
                10_000,
                Duration.ofSeconds(10),
                false);
    }

    /**
     * The relay built into a sender: owner-only routing, a 64 MiB outbound budget (it shares the sender's JVM) and
     * at most 1,024 connections.
     */
    public static RelayLimits forSender() {
        return defaults()
                .withOutboundBudget(64L * 1024 * 1024)
                .withMaxConnections(1024)
                .withOwnerOnly(true);
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
        return edit(d -> {
            d.maxTextBytes = text;
            d.maxBinaryBytes = binaryBytes;
        });
    }

    public RelayLimits withBinary(boolean enabled) {
        return edit(d -> d.binary = enabled);
    }

    public RelayLimits withOutbound(int highWater, long max) {
        return edit(d -> {
            d.outboundHighWaterBytes = highWater;
            d.outboundMaxBytes = max;
        });
    }

    public RelayLimits withRequestRates(double perSource, int sourceBurst, double perTarget, int targetBurst) {
        return edit(d -> {
            d.requestsPerSecondPerSource = perSource;
            d.requestBurstPerSource = sourceBurst;
            d.requestsPerSecondPerTarget = perTarget;
            d.requestBurstPerTarget = targetBurst;
        });
    }

    public RelayLimits withIdle(Duration ping, Duration timeout) {
        return edit(d -> {
            d.pingInterval = ping;
            d.idleTimeout = timeout;
        });
    }

    public RelayLimits withMaxConnectionsPerAddress(int max) {
        return edit(d -> d.maxConnectionsPerAddress = max);
    }

    public RelayLimits withStatsLogInterval(Duration interval) {
        return edit(d -> d.statsLogInterval = interval);
    }

    public RelayLimits withLoopbackCapped(boolean capped) {
        return edit(d -> d.capLoopback = capped);
    }

    public RelayLimits withFrameBytes(int bytes) {
        return edit(d -> d.frameBytes = bytes);
    }

    public RelayLimits withOutboundBudget(long bytes) {
        return edit(d -> d.outboundBudgetBytes = bytes);
    }

    public RelayLimits withMaxConnections(int max) {
        return edit(d -> d.maxConnections = max);
    }

    public RelayLimits withOwnerOnly(boolean only) {
        return edit(d -> d.ownerOnly = only);
    }

    public RelayLimits withUpgradeTimeout(Duration timeout) {
        return edit(d -> d.upgradeTimeout = timeout);
    }

    /** A copy with {@code change} applied: the one place that lists every field for the {@code with...} methods. */
    private RelayLimits edit(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return new RelayLimits(
                d.maxTextBytes,
                d.maxBinaryBytes,
                d.binary,
                d.outboundHighWaterBytes,
                d.outboundMaxBytes,
                d.requestsPerSecondPerSource,
                d.requestBurstPerSource,
                d.requestsPerSecondPerTarget,
                d.requestBurstPerTarget,
                d.pingInterval,
                d.idleTimeout,
                d.maxConnectionsPerAddress,
                d.statsLogInterval,
                d.capLoopback,
                d.frameBytes,
                d.outboundBudgetBytes,
                d.maxConnections,
                d.upgradeTimeout,
                d.ownerOnly);
    }

    /** Mutable copy of the fields, used only inside {@link #edit}. */
    private static final class Draft {
        int maxTextBytes;
        int maxBinaryBytes;
        boolean binary;
        int outboundHighWaterBytes;
        long outboundMaxBytes;
        double requestsPerSecondPerSource;
        int requestBurstPerSource;
        double requestsPerSecondPerTarget;
        int requestBurstPerTarget;
        Duration pingInterval;
        Duration idleTimeout;
        int maxConnectionsPerAddress;
        Duration statsLogInterval;
        boolean capLoopback;
        int frameBytes;
        long outboundBudgetBytes;
        int maxConnections;
        Duration upgradeTimeout;
        boolean ownerOnly;

        Draft(RelayLimits l) {
            maxTextBytes = l.maxTextBytes;
            maxBinaryBytes = l.maxBinaryBytes;
            binary = l.binary;
            outboundHighWaterBytes = l.outboundHighWaterBytes;
            outboundMaxBytes = l.outboundMaxBytes;
            requestsPerSecondPerSource = l.requestsPerSecondPerSource;
            requestBurstPerSource = l.requestBurstPerSource;
            requestsPerSecondPerTarget = l.requestsPerSecondPerTarget;
            requestBurstPerTarget = l.requestBurstPerTarget;
            pingInterval = l.pingInterval;
            idleTimeout = l.idleTimeout;
            maxConnectionsPerAddress = l.maxConnectionsPerAddress;
            statsLogInterval = l.statsLogInterval;
            capLoopback = l.capLoopback;
            frameBytes = l.frameBytes;
            outboundBudgetBytes = l.outboundBudgetBytes;
            maxConnections = l.maxConnections;
            upgradeTimeout = l.upgradeTimeout;
            ownerOnly = l.ownerOnly;
        }
    }
}
