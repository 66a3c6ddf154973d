package dev.qrbeam.relay.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.message.ErrorCode;
import dev.qrbeam.relay.core.RelayCore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The QRBeam relay as one AWS Lambda function behind an API Gateway WebSocket API: {@code $connect},
 * {@code $disconnect}, {@code $default} and the action routes ({@code Connect}, {@code Request}, ...) all arrive
 * here. Every rule (ids, resume, routing with the sender stamped in, validation, rate limits, error codes) is the
 * standalone relay's {@link RelayCore}; this class only maps events to core calls. State that must outlive one
 * invocation (which logical id each gateway connection carries) lives in a {@link ConnectionMap}.
 *
 * <p>Lambda instantiates this class with the no-argument constructor, which reads its configuration from the
 * environment (see {@link AwsRelay#fromEnvironment()}).
 */
public final class RelayLambdaHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(RelayLambdaHandler.class);
    private final RelayCore core;
    private final GatewayRegistry registry;
    private final WireJson json;
    private final GatewayOutbound outbound;

    /** For the Lambda runtime: configuration from the environment. */
    public RelayLambdaHandler() {
        this(AwsRelay.fromEnvironment());
    }

    RelayLambdaHandler(AwsRelay relay) {
        this.core = relay.core();
        this.registry = relay.registry();
        this.json = relay.json();
        this.outbound = relay.outbound();
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        APIGatewayV2WebSocketEvent.RequestContext request = event.getRequestContext();
        String gatewayId = request.getConnectionId();
        String sourceIp =
                request.getIdentity() == null ? null : request.getIdentity().getSourceIp();
        switch (request.getRouteKey()) {
            case "$connect" -> core.onConnect(registry.opened(gatewayId, sourceIp));
            case "$disconnect" -> disconnect(registry.sender(gatewayId, sourceIp));
            default -> message(gatewayId, sourceIp, event.getBody());
        }
        return ok();
    }

    private void message(String gatewayId, String sourceIp, String body) {
        try {
            GatewaySession sender = registry.sender(gatewayId, sourceIp);
            if (sender.id() == null) {
                // its $connect binding is gone (expired or lost): give it an id now, as the standalone relay would
                core.onConnect(sender);
            }
            core.onText(sender, body == null ? "" : body);
        } catch (RuntimeException e) {
            // DynamoDB or the management API failed (throttling, outage): no rule was broken, so tell the client
            // with the protocol's own error instead of API Gateway's bare "Internal server error"
            LOG.error("internal error on a message from gateway connection {}", gatewayId, e);
            reportInternal(gatewayId);
        }
    }

    private void reportInternal(String gatewayId) {
        try {
            outbound.post(gatewayId, json.error(ErrorCode.INTERNAL, "relay temporarily unavailable; retry"));
        } catch (PeerGoneException | RuntimeException unreachable) {
            LOG.warn("could not report the internal error to {}: {}", gatewayId, unreachable.toString());
        }
    }

    private void disconnect(GatewaySession sender) {
        core.onClose(sender);
        registry.forget(sender.gatewayId());
    }

    private static APIGatewayV2WebSocketResponse ok() {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(200);
        return response;
    }
}
