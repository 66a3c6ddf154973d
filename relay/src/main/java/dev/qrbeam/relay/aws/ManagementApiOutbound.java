package dev.qrbeam.relay.aws;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.DeleteConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionRequest;

/** {@link GatewayOutbound} over the AWS SDK v2 {@link ApiGatewayManagementApiClient}. */
public final class ManagementApiOutbound implements GatewayOutbound {
    private final ApiGatewayManagementApiClient client;

    public ManagementApiOutbound(ApiGatewayManagementApiClient client) {
        this.client = client;
    }

    @Override
    public void post(String gatewayId, String text) throws PeerGoneException {
        try {
            client.postToConnection(PostToConnectionRequest.builder()
                    .connectionId(gatewayId)
                    .data(SdkBytes.fromUtf8String(text))
                    .build());
        } catch (GoneException e) {
            throw new PeerGoneException(gatewayId);
        } catch (software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException e) {
            throw new PayloadTooLargeException(gatewayId, text.length());
        }
    }

    @Override
    public void disconnect(String gatewayId) {
        try {
            client.deleteConnection(
                    DeleteConnectionRequest.builder().connectionId(gatewayId).build());
        } catch (GoneException alreadyGone) {
            // nothing to close
        }
    }
}
