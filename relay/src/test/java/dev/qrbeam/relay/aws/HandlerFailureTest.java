package dev.qrbeam.relay.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qrbeam.relay.core.RateLimiter;
import dev.qrbeam.relay.core.ResumeTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A storage failure (DynamoDB throttled or down) reaches the client as the protocol's {@code internal} Error. */
class HandlerFailureTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An in-memory map whose lookups can be made to fail like a throttled table. */
    private static final class FlakyMap implements ConnectionMap {
        private final InMemoryConnectionMap delegate = new InMemoryConnectionMap();
        boolean failing;

        private void check() {
            if (failing) {
                throw new IllegalStateException("ProvisionedThroughputExceededException (simulated)");
            }
        }

        @Override
        public Optional<String> bind(String l, String g) {
            check();
            return delegate.bind(l, g);
        }

        @Override
        public void release(String l, String g) {
            check();
            delegate.release(l, g);
        }

        @Override
        public void forget(String g) {
            check();
            delegate.forget(g);
        }

        @Override
        public Optional<String> logicalId(String g) {
            check();
            return delegate.logicalId(g);
        }

        @Override
        public Optional<String> gatewayId(String l) {
            check();
            return delegate.gatewayId(l);
        }

        @Override
        public boolean recentlyGone(String l) {
            check();
            return delegate.recentlyGone(l);
        }
    }

    private static APIGatewayV2WebSocketEvent event(String routeKey, String gatewayId, String body) {
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(routeKey);
        context.setConnectionId(gatewayId);
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        event.setBody(body);
        return event;
    }

    @Test
    void storageFailureIsAnInternalErrorAndTheNextMessageWorks() throws Exception {
        FlakyMap map = new FlakyMap();
        List<String> posts = new ArrayList<>();
        GatewayOutbound outbound = new GatewayOutbound() {
            @Override
            public void post(String gatewayId, String text) {
                posts.add(text);
            }

            @Override
            public void disconnect(String gatewayId) {}
        };
        RelayLambdaHandler handler = new RelayLambdaHandler(AwsRelay.create(
                map,
                outbound,
                ResumeTokens.random(),
                AwsLimits.relayLimits(),
                RateLimiter.unlimited(),
                RateLimiter.unlimited()));
        TestLambdaContext context = new TestLambdaContext();
        handler.handleRequest(event("$connect", "gw1=", null), context);

        map.failing = true;
        assertThat(handler.handleRequest(event("Connect", "gw1=", "{\"action\":\"Connect\"}"), context)
                        .getStatusCode())
                .isEqualTo(200);
        JsonNode error = JSON.readTree(posts.get(0));
        assertThat(error.path("action").asText()).isEqualTo("Error");
        assertThat(error.path("message").path("code").asText()).isEqualTo("internal");

        map.failing = false;
        handler.handleRequest(event("Connect", "gw1=", "{\"action\":\"Connect\"}"), context);
        assertThat(JSON.readTree(posts.get(1))
                        .path("message")
                        .path("connectionid")
                        .asText())
                .isEqualTo(map.logicalId("gw1=").orElseThrow());
    }
}
