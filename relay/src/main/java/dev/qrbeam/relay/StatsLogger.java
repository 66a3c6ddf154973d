package dev.qrbeam.relay;

import dev.qrbeam.relay.core.RelayCounters;
import dev.qrbeam.relay.core.RelayStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the counters when they changed since the last call. */
final class StatsLogger implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger("dev.qrbeam.relay.stats");
    private final RelayCounters counters;
    private RelayStats last;

    StatsLogger(RelayCounters counters) {
        this.counters = counters;
    }

    @Override
    public void run() {
        RelayStats now = counters.snapshot();
        if (!now.equals(last)) {
            LOG.info(
                    "open={} total={} rejected={} forwarded={} ({} binary) bytes={} errors={} closes={}",
                    now.openConnections(),
                    now.totalConnections(),
                    now.rejectedConnections(),
                    now.messagesForwarded(),
                    now.binaryForwarded(),
                    now.bytesForwarded(),
                    now.errorsByCode(),
                    now.closedByReason());
            last = now;
        }
    }
}
