package dev.qrbeam.relay.aws;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.net.URI;

/** Creates the Lambda handler once the stand-in knows the management endpoint its SDK client must use. */
@FunctionalInterface
public interface HandlerFactory {
    RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> create(URI managementEndpoint);
}
