package dev.qrbeam.relay.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qrbeam.relay.core.RateLimiter;
import dev.qrbeam.relay.core.ResumeTokens;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The event JSON API Gateway sends to Lambda, read with the Lambda Java runtime's own serializer
 * (aws-lambda-java-serialization), drives the handler as the stand-in's events do; the response serializes as
 * Lambda returns it.
 */
class LambdaEventMappingTest {
    private static final String GATEWAY_ID = "L0SM9cOFvHcCIhw=";

    /** A $connect event in the shape of the API Gateway documentation's WebSocket proxy integration example. */
    private static final String CONNECT_EVENT = """
            {"headers":{"Host":"abc123defg.execute-api.eu-west-1.amazonaws.com","Sec-WebSocket-Key":"x3JJHMbDL1EzLkh9GBhXDw==",
             "Sec-WebSocket-Version":"13","X-Forwarded-For":"203.0.113.7","X-Forwarded-Port":"443","X-Forwarded-Proto":"https"},
             "multiValueHeaders":{"Host":["abc123defg.execute-api.eu-west-1.amazonaws.com"]},
             "requestContext":{"routeKey":"$connect","eventType":"CONNECT","extendedRequestId":"ABCD1234=",
              "requestTime":"26/Nov/2026:08:00:00 +0000","messageDirection":"IN","stage":"dev","connectedAt":1795680000000,
              "requestTimeEpoch":1795680000001,"identity":{"userAgent":"Java-http-client/17","sourceIp":"203.0.113.7"},
              "requestId":"ABCD1234=","domainName":"abc123defg.execute-api.eu-west-1.amazonaws.com",
              "connectionId":"L0SM9cOFvHcCIhw=","apiId":"abc123defg"},
             "isBase64Encoded":false}
            """;

    private static final String MESSAGE_EVENT = """
            {"requestContext":{"routeKey":"Connect","messageId":"L0SNFdPOFvHcCIhw=","eventType":"MESSAGE",
              "extendedRequestId":"ABCD1235=","requestTime":"26/Nov/2026:08:00:01 +0000","messageDirection":"IN",
              "stage":"dev","connectedAt":1795680000000,"requestTimeEpoch":1795680001000,
              "identity":{"sourceIp":"203.0.113.7"},"requestId":"ABCD1235=",
              "domainName":"abc123defg.execute-api.eu-west-1.amazonaws.com","connectionId":"L0SM9cOFvHcCIhw=",
              "apiId":"abc123defg"},
             "body":"{\\"action\\":\\"Connect\\"}","isBase64Encoded":false}
            """;

    /** Records posts instead of calling the management API. */
    private static final class RecordingOutbound implements GatewayOutbound {
        final List<String> posts = new ArrayList<>();

        @Override
        public void post(String gatewayId, String text) {
            posts.add(gatewayId + " " + text);
        }

        @Override
        public void disconnect(String gatewayId) {
            posts.add(gatewayId + " DELETE");
        }
    }

    @Test
    void eventsAsTheLambdaRuntimeDeserializesThemDriveTheHandler() throws Exception {
        PojoSerializer<APIGatewayV2WebSocketEvent> events = LambdaEventSerializers.serializerFor(
                APIGatewayV2WebSocketEvent.class, getClass().getClassLoader());
        APIGatewayV2WebSocketEvent connect = events.fromJson(CONNECT_EVENT);
        assertThat(connect.getRequestContext().getRouteKey()).isEqualTo("$connect");
        assertThat(connect.getRequestContext().getConnectionId()).isEqualTo(GATEWAY_ID);
        assertThat(connect.getRequestContext().getIdentity().getSourceIp()).isEqualTo("203.0.113.7");
        APIGatewayV2WebSocketEvent message = events.fromJson(MESSAGE_EVENT);
        assertThat(message.getBody()).isEqualTo("{\"action\":\"Connect\"}");

        RecordingOutbound outbound = new RecordingOutbound();
        InMemoryConnectionMap map = new InMemoryConnectionMap();
        RelayLambdaHandler handler = new RelayLambdaHandler(AwsRelay.create(
                map,
                outbound,
                ResumeTokens.random(),
                AwsLimits.relayLimits(),
                RateLimiter.unlimited(),
                RateLimiter.unlimited()));

        APIGatewayV2WebSocketResponse response = handler.handleRequest(connect, new TestLambdaContext());
        assertThat(map.logicalId(GATEWAY_ID)).isPresent();
        handler.handleRequest(message, new TestLambdaContext());
        assertThat(outbound.posts).hasSize(1);
        assertThat(outbound.posts.get(0)).startsWith(GATEWAY_ID + " ");
        JsonNode reply = new ObjectMapper().readTree(outbound.posts.get(0).substring(GATEWAY_ID.length() + 1));
        assertThat(reply.path("message").path("connectionid").asText())
                .isEqualTo(map.logicalId(GATEWAY_ID).get());
        assertThat(reply.path("message").path("limits").path("maxframebytes").asInt())
                .isEqualTo(32768);

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(
                        APIGatewayV2WebSocketResponse.class, getClass().getClassLoader())
                .toJson(response, json);
        assertThat(new ObjectMapper()
                        .readTree(json.toString(StandardCharsets.UTF_8))
                        .path("statusCode")
                        .asInt())
                .isEqualTo(200);
    }
}
