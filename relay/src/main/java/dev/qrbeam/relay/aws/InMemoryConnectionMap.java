package dev.qrbeam.relay.aws;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ConnectionMap} for one process (the local API Gateway stand-in, tests). */
public final class InMemoryConnectionMap implements ConnectionMap {
    private final Map<String, String> byLogical = new ConcurrentHashMap<>();
    private final Map<String, String> byGateway = new ConcurrentHashMap<>();

    @Override
    public synchronized Optional<String> bind(String logicalId, String gatewayId) {
        String previous = byLogical.put(logicalId, gatewayId);
        String previousLogical = byGateway.put(gatewayId, logicalId);
        if (previousLogical != null && !previousLogical.equals(logicalId)) {
            byLogical.remove(previousLogical, gatewayId);
        }
        return previous == null || previous.equals(gatewayId) ? Optional.empty() : Optional.of(previous);
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
    public synchronized void unbind(String gatewayId) {
        String logical = byGateway.remove(gatewayId);
        if (logical != null) {
            byLogical.remove(logical, gatewayId);
        }
    }
}
