package dev.qrbeam.relay.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ConnectionMap} in a DynamoDB table shared by all Lambda instances. One string partition key {@code pk}:
 * {@code L#<logical id>} holds {@code gw} (the gateway connection id), {@code G#<gateway id>} holds {@code id} (the
 * logical id). Every item carries {@code ttl} (epoch seconds) so DynamoDB's TTL removes bindings that outlive API
 * Gateway's 2-hour connection lifetime even if a {@code $disconnect} was lost. Reads are strongly consistent: a
 * Request sent right after the peer's Connect must see the binding.
 */
public final class DynamoConnectionMap implements ConnectionMap {
    static final String KEY = "pk";
    private static final String GATEWAY = "gw";
    private static final String LOGICAL = "id";
    static final String TTL = "ttl";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration itemLifetime;
    private final Clock clock;

    /**
     * @param itemLifetime how long a binding lives without being refreshed; longer than the gateway's connection
     *                     lifetime (2 h on AWS)
     */
    public DynamoConnectionMap(DynamoDbClient dynamo, String table, Duration itemLifetime, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.itemLifetime = itemLifetime;
        this.clock = clock;
    }

    @Override
    public Optional<String> bind(String logicalId, String gatewayId) {
        AttributeValue expires = AttributeValue.fromN(Long.toString(clock.instant().plus(itemLifetime).getEpochSecond()));
        Map<String, AttributeValue> oldLogical = dynamo.putItem(PutItemRequest.builder().tableName(table)
                .item(Map.of(KEY, s("G#" + gatewayId), LOGICAL, s(logicalId), TTL, expires))
                .returnValues(ReturnValue.ALL_OLD).build()).attributes();
        Optional<String> previousLogical = attribute(oldLogical, LOGICAL);
        if (previousLogical.isPresent() && !previousLogical.get().equals(logicalId)) {
            deleteLogicalIfHeldBy(previousLogical.get(), gatewayId);
        }
        Map<String, AttributeValue> old = dynamo.putItem(PutItemRequest.builder().tableName(table)
                .item(Map.of(KEY, s("L#" + logicalId), GATEWAY, s(gatewayId), TTL, expires))
                .returnValues(ReturnValue.ALL_OLD).build()).attributes();
        return attribute(old, GATEWAY).filter(previous -> !previous.equals(gatewayId));
    }

    @Override
    public Optional<String> logicalId(String gatewayId) {
        return get("G#" + gatewayId, LOGICAL);
    }

    @Override
    public Optional<String> gatewayId(String logicalId) {
        return get("L#" + logicalId, GATEWAY);
    }

    @Override
    public void unbind(String gatewayId) {
        Map<String, AttributeValue> old = dynamo.deleteItem(DeleteItemRequest.builder().tableName(table)
                .key(Map.of(KEY, s("G#" + gatewayId))).returnValues(ReturnValue.ALL_OLD).build()).attributes();
        attribute(old, LOGICAL).ifPresent(logical -> deleteLogicalIfHeldBy(logical, gatewayId));
    }

    private void deleteLogicalIfHeldBy(String logicalId, String gatewayId) {
        try {
            dynamo.deleteItem(DeleteItemRequest.builder().tableName(table)
                    .key(Map.of(KEY, s("L#" + logicalId)))
                    .conditionExpression("#gw = :gw")
                    .expressionAttributeNames(Map.of("#gw", GATEWAY))
                    .expressionAttributeValues(Map.of(":gw", s(gatewayId))).build());
        } catch (ConditionalCheckFailedException reboundMeanwhile) {
            // the logical id was resumed on a newer connection: keep that binding
        }
    }

    private Optional<String> get(String key, String attribute) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                .key(Map.of(KEY, s(key))).consistentRead(true).build()).item();
        return attribute(item, attribute);
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
