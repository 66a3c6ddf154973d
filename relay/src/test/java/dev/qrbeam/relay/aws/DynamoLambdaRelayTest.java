package dev.qrbeam.relay.aws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.UUID;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Lambda relay with its deployed state: connection map and Request limits in DynamoDB (dynalite). */
class DynamoLambdaRelayTest extends LambdaRelayContract {
    private static Dynalite dynalite;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void startDynalite() throws Exception {
        assumeTrue(Dynalite.available(), "dynalite not installed (.ci/setup-aws.sh installs it)");
        dynalite = Dynalite.start();
        dynamo = dynalite.client();
    }

    @AfterAll
    static void stopDynalite() throws Exception {
        if (dynalite != null) {
            dynamo.close();
            dynalite.close();
        }
    }

    @Override
    LambdaRelayStack startStack(GatewayBehaviour behaviour) throws Exception {
        String table = "relay-" + UUID.randomUUID();
        Dynalite.createRelayTable(dynamo, table);
        var limits = AwsLimits.relayLimits();
        Clock clock = Clock.systemUTC();
        return LambdaRelayStack.start(behaviour, new DynamoConnectionMap(dynamo, table, AwsRelay.ITEM_LIFETIME, clock),
                new DynamoWindowRateLimiter(dynamo, table, "source", DynamoWindowRateLimiter.maxPerWindow(
                        limits.requestsPerSecondPerSource(), limits.requestBurstPerSource(), AwsRelay.RATE_WINDOW),
                        AwsRelay.RATE_WINDOW, clock),
                new DynamoWindowRateLimiter(dynamo, table, "target", DynamoWindowRateLimiter.maxPerWindow(
                        limits.requestsPerSecondPerTarget(), limits.requestBurstPerTarget(), AwsRelay.RATE_WINDOW),
                        AwsRelay.RATE_WINDOW, clock));
    }
}
