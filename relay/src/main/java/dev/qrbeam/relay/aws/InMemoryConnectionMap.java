package dev.qrbeam.relay.aws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ConnectionMap} for one process (tests, the local stand-in); remembers a bounded number of gone ids. */
public final class InMemoryConnectionMap implements ConnectionMap {
    private static final int GONE_CAPACITY = 10_000;
    private final Map<String, String> byLogical = new ConcurrentHashMap<>();
    private final Map<String, String> byGateway = new ConcurrentHashMap<>();
    private final Map<String, Boolean> gone = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > GONE_CAPACITY;
        }
    };

    @Override
    public synchronized Optional<String> bind(String logicalId, String gatewayId) {
        gone.remove(logicalId);
        String previousLogical = byGateway.put(gatewayId, logicalId);
        if (previousLogical != null && !previousLogical.equals(logicalId)) {
            byLogical.remove(previousLogical, gatewayId);
        }
        String previous = byLogical.put(logicalId, gatewayId);
        return previous == null || previous.equals(gatewayId) ? Optional.empty() : Optional.of(previous);
    }

    @Override
    public synchronized void release(String logicalId, String gatewayId) {
        if (byLogical.remove(logicalId, gatewayId)) {
            gone.put(logicalId, Boolean.TRUE);
        }
    }

    @Override
    public synchronized void forget(String gatewayId) {
        byGateway.remove(gatewayId);
    }

    @Override
    public Optional<String> logicalId(String gatewayId) {
        return Optional.ofNullable(byGateway.get(gatewayId));
    }

    @Override
    public Optional<String> gatewayId(String logicalId) {
        return Optional.ofNullable(byLogical.get(logicalId));
    }

    @Override
    public synchronized boolean recentlyGone(String logicalId) {
        return gone.containsKey(logicalId);
    }
}
