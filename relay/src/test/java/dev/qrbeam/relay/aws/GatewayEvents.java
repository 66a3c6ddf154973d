package dev.qrbeam.relay.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.UUID;

/** Builds the events API Gateway hands to the Lambda function, with the fields the real service fills in. */
final class GatewayEvents {
    private static final ObjectMapper STRICT = new ObjectMapper();

    private final GatewayBehaviour behaviour;
    private final String domainName;

    GatewayEvents(GatewayBehaviour behaviour, String domainName) {
        this.behaviour = behaviour;
        this.domainName = domainName;
    }

    APIGatewayV2WebSocketEvent connect(
            String connectionId, long connectedAt, Map<String, String> headers, Map<String, String> query) {
        APIGatewayV2WebSocketEvent event = base("$connect", "CONNECT", connectionId, connectedAt);
        event.setHeaders(headers);
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        return event;
    }

    APIGatewayV2WebSocketEvent disconnect(String connectionId, long connectedAt) {
        return base("$disconnect", "DISCONNECT", connectionId, connectedAt);
    }

    APIGatewayV2WebSocketEvent message(String connectionId, long connectedAt, String body) {
        APIGatewayV2WebSocketEvent event = base(selectRoute(body), "MESSAGE", connectionId, connectedAt);
        event.getRequestContext().setMessageId(UUID.randomUUID().toString());
        event.getRequestContext().setMessageDirection("IN");
        event.setBody(body);
        return event;
    }

    /**
     * Route selection {@code $request.body.action}: the route whose key equals the body's {@code action} string,
     * else {@code $default} (also for bodies that are not JSON objects, as API Gateway does).
     */
    String selectRoute(String body) {
        try {
            JsonNode action = STRICT.readTree(body).path("action");
            if (action.isTextual() && behaviour.routeKeys().contains(action.textValue())) {
                return action.textValue();
            }
        } catch (Exception notJson) {
            // API Gateway falls back to $default when the expression cannot be evaluated
        }
        return "$default";
    }

    private APIGatewayV2WebSocketEvent base(String routeKey, String eventType, String connectionId, long connectedAt) {
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(routeKey);
        context.setEventType(eventType);
        context.setConnectionId(connectionId);
        context.setConnectedAt(connectedAt);
        context.setDomainName(domainName);
        context.setStage(behaviour.stage());
        context.setApiId("local");
        context.setRequestId(UUID.randomUUID().toString());
        context.setRequestTimeEpoch(System.currentTimeMillis());
        APIGatewayV2WebSocketEvent.RequestIdentity identity = new APIGatewayV2WebSocketEvent.RequestIdentity();
        identity.setSourceIp("127.0.0.1");
        context.setIdentity(identity);
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        event.setIsBase64Encoded(false);
        return event;
    }
}
