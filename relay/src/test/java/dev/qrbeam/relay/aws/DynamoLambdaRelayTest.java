package dev.qrbeam.relay.aws;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
        return LambdaRelayStack.start(
                behaviour,
                new DynamoConnectionMap(dynamo, table, AwsRelay.ITEM_LIFETIME, clock),
                AwsRelay.requestLimiter(
                        dynamo,
                        table,
                        "source",
                        limits.requestsPerSecondPerSource(),
                        limits.requestBurstPerSource(),
                        clock),
                AwsRelay.requestLimiter(
                        dynamo,
                        table,
                        "target",
                        limits.requestsPerSecondPerTarget(),
                        limits.requestBurstPerTarget(),
                        clock));
    }
}
