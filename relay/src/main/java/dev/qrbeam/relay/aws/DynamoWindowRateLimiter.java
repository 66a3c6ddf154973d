package dev.qrbeam.relay.aws;

import dev.qrbeam.relay.core.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A {@link RateLimiter} shared by all Lambda instances: at most {@code maxPerWindow} events per key in each fixed
 * window, counted with one conditional {@code UpdateItem} on item {@code R#<name>#<key>#<window>} (TTL two windows).
 * Per-instance token buckets would not stop a flood spread over many concurrent Lambda instances. Used for
 * {@code Request} only, which is rare (pairing), so the extra write costs little.
 */
public final class DynamoWindowRateLimiter implements RateLimiter {
    private final DynamoDbClient dynamo;
    private final String table;
    private final String name;
    private final long maxPerWindow;
    private final Duration window;
    private final Clock clock;

    public DynamoWindowRateLimiter(
            DynamoDbClient dynamo, String table, String name, long maxPerWindow, Duration window, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.name = name;
        this.maxPerWindow = maxPerWindow;
        this.window = window;
        this.clock = clock;
    }

    /** The window limit equivalent to a token bucket: {@code max(burst, rate × window)}. */
    public static long maxPerWindow(double perSecond, int burst, Duration window) {
        return Math.max(burst, (long) Math.ceil(perSecond * window.toMillis() / 1000.0));
    }

    @Override
    public boolean tryAcquire(String key) {
        long now = clock.millis();
        long index = now / window.toMillis();
        long expires = (now + 2 * window.toMillis()) / 1000;
        try {
            dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(Map.of(DynamoConnectionMap.KEY, AttributeValue.fromS("R#" + name + "#" + key + "#" + index)))
                    .updateExpression("ADD #n :one SET #ttl = :ttl")
                    .conditionExpression("attribute_not_exists(#n) OR #n < :max")
                    .expressionAttributeNames(Map.of("#n", "n", "#ttl", "ttl"))
                    .expressionAttributeValues(Map.of(
                            ":one",
                            AttributeValue.fromN("1"),
                            ":max",
                            AttributeValue.fromN(Long.toString(maxPerWindow)),
                            ":ttl",
                            AttributeValue.fromN(Long.toString(expires))))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException limitReached) {
            return false;
        }
    }
}
