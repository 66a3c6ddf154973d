package dev.qrbeam.relay.aws;

/** The Lambda relay with in-memory state (as one Lambda instance would keep it). */
class InMemoryLambdaRelayTest extends LambdaRelayContract {
    @Override
    LambdaRelayStack startStack(GatewayBehaviour behaviour) throws Exception {
        return LambdaRelayStack.start(behaviour);
    }
}
