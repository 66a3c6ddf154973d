package dev.qrbeam.relay.aws;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * {@link ConnectionMap} in a DynamoDB table shared by all Lambda instances. One string partition key {@code pk}:
 * <ul>
 *   <li>{@code L#<logical id>}: {@code gw} = the gateway connection holding it; without {@code gw} (and with
 *       {@code gone}) it is a tombstone: the id was released and is "recently gone";</li>
 *   <li>{@code G#<gateway id>}: {@code id} = the logical id that connection carries.</li>
 * </ul>
 * Every item has {@code ttl} (epoch seconds), so DynamoDB's TTL removes bindings and tombstones that outlive API
 * Gateway's 2-hour connection lifetime even if a {@code $disconnect} was lost. Reads are strongly consistent: a
 * Request sent right after the peer's Connect must see the binding.
 */
public final class DynamoConnectionMap implements ConnectionMap {
    static final String KEY = "pk";
    private static final String GATEWAY = "gw";
    private static final String LOGICAL = "id";
    private static final String GONE = "gone";
    private static final String TTL = "ttl";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration itemLifetime;
    private final Clock clock;

    /**
     * @param itemLifetime how long a binding or tombstone lives; longer than the gateway's connection lifetime
     */
    public DynamoConnectionMap(DynamoDbClient dynamo, String table, Duration itemLifetime, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.itemLifetime = itemLifetime;
        this.clock = clock;
    }

    @Override
    public Optional<String> bind(String logicalId, String gatewayId) {
        AttributeValue expires = expires();
        Map<String, AttributeValue> oldGateway = dynamo.putItem(PutItemRequest.builder()
                        .tableName(table)
                        .item(Map.of(KEY, s("G#" + gatewayId), LOGICAL, s(logicalId), TTL, expires))
                        .returnValues(ReturnValue.ALL_OLD)
                        .build())
                .attributes();
        attribute(oldGateway, LOGICAL)
                .filter(previous -> !previous.equals(logicalId))
                .ifPresent(previous -> deleteLogicalIfHeldBy(previous, gatewayId));
        Map<String, AttributeValue> old = dynamo.putItem(PutItemRequest.builder()
                        .tableName(table)
                        .item(Map.of(KEY, s("L#" + logicalId), GATEWAY, s(gatewayId), TTL, expires))
                        .returnValues(ReturnValue.ALL_OLD)
                        .build())
                .attributes();
        return attribute(old, GATEWAY).filter(previous -> !previous.equals(gatewayId));
    }

    @Override
    public void release(String logicalId, String gatewayId) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(Map.of(KEY, s("L#" + logicalId)))
                    .updateExpression("REMOVE #gw SET #gone = :true, #ttl = :ttl")
                    .conditionExpression("#gw = :gw")
                    .expressionAttributeNames(Map.of("#gw", GATEWAY, "#gone", GONE, "#ttl", TTL))
                    .expressionAttributeValues(
                            Map.of(":gw", s(gatewayId), ":true", AttributeValue.fromBool(true), ":ttl", expires()))
                    .build());
        } catch (ConditionalCheckFailedException reboundMeanwhile) {
            // resumed on a newer connection (or already released): keep that state
        }
    }

    @Override
    public void forget(String gatewayId) {
        dynamo.deleteItem(DeleteItemRequest.builder()
                .tableName(table)
                .key(Map.of(KEY, s("G#" + gatewayId)))
                .build());
    }

    @Override
    public Optional<String> logicalId(String gatewayId) {
        return attribute(get("G#" + gatewayId), LOGICAL);
    }

    @Override
    public Optional<String> gatewayId(String logicalId) {
        return attribute(get("L#" + logicalId), GATEWAY);
    }

    @Override
    public boolean recentlyGone(String logicalId) {
        Map<String, AttributeValue> item = get("L#" + logicalId);
        return item != null && item.containsKey(GONE) && !item.containsKey(GATEWAY);
    }

    private void deleteLogicalIfHeldBy(String logicalId, String gatewayId) {
        try {
            dynamo.deleteItem(DeleteItemRequest.builder()
                    .tableName(table)
                    .key(Map.of(KEY, s("L#" + logicalId)))
                    .conditionExpression("#gw = :gw")
                    .expressionAttributeNames(Map.of("#gw", GATEWAY))
                    .expressionAttributeValues(Map.of(":gw", s(gatewayId)))
                    .build());
        } catch (ConditionalCheckFailedException reboundMeanwhile) {
            // the logical id is held by another connection now: keep that binding
        }
    }

    private Map<String, AttributeValue> get(String key) {
        return dynamo.getItem(GetItemRequest.builder()
                        .tableName(table)
                        .key(Map.of(KEY, s(key)))
                        .consistentRead(true)
                        .build())
                .item();
    }

    private AttributeValue expires() {
        return AttributeValue.fromN(
                Long.toString(clock.instant().plus(itemLifetime).getEpochSecond()));
    }

    private static Optional<String> attribute(Map<String, AttributeValue> item, String name) {
        if (item == null || !item.containsKey(name)) {
            return Optional.empty();
        }
        return Optional.ofNullable(item.get(name).s());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
