package dev.qrbeam.relay.aws;

import dev.qrbeam.relay.core.RateLimiter;
import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.core.ResumeTokens;
import dev.qrbeam.relay.core.TokenBucketRateLimiter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * The Lambda relay as tests run it: {@link RelayLambdaHandler} behind the {@link LocalApiGateway} stand-in, sending
 * through the real AWS SDK management client pointed at the stand-in, with a given {@link ConnectionMap}.
 */
final class LambdaRelayStack implements AutoCloseable {
    private final LocalApiGateway gateway;
    private final List<ApiGatewayManagementApiClient> clients = new ArrayList<>();
    private final ConnectionMap map;

    private LambdaRelayStack(
            GatewayBehaviour behaviour, ConnectionMap map, RateLimiter perSource, RateLimiter perTarget)
            throws InterruptedException {
        this.map = map;
        ResumeTokens tokens = ResumeTokens.random();
        RelayLimits limits = AwsLimits.relayLimits();
        this.gateway = LocalApiGateway.start(behaviour, endpoint -> {
            ApiGatewayManagementApiClient sdk = LocalAws.managementClient(endpoint);
            clients.add(sdk);
            return new RelayLambdaHandler(
                    AwsRelay.create(map, new ManagementApiOutbound(sdk), tokens, limits, perSource, perTarget));
        });
    }

    /** In-memory state and the standalone relay's token-bucket Request limits. */
    static LambdaRelayStack start(GatewayBehaviour behaviour) throws InterruptedException {
        RelayLimits limits = AwsLimits.relayLimits();
        return start(
                behaviour,
                new InMemoryConnectionMap(),
                new TokenBucketRateLimiter(limits.requestsPerSecondPerSource(), limits.requestBurstPerSource()),
                new TokenBucketRateLimiter(limits.requestsPerSecondPerTarget(), limits.requestBurstPerTarget()));
    }

    static LambdaRelayStack start(
            GatewayBehaviour behaviour, ConnectionMap map, RateLimiter perSource, RateLimiter perTarget)
            throws InterruptedException {
        return new LambdaRelayStack(behaviour, map, perSource, perTarget);
    }

    URI uri() {
        return gateway.webSocketUri();
    }

    LocalApiGateway gateway() {
        return gateway;
    }

    ConnectionMap map() {
        return map;
    }

    /** Waits (handler invocation by invocation, no sleeps) until {@code logicalId} is bound to a live connection. */
    void awaitBound(String logicalId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (map.gatewayId(logicalId).isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(logicalId + " not bound within " + timeout);
            }
            gateway.awaitInvocations(gateway.invocations() + 1, Duration.ofNanos(left));
        }
    }

    @Override
    public void close() throws InterruptedException {
        gateway.close();
        clients.forEach(ApiGatewayManagementApiClient::close);
    }
}
