package dev.qrbeam.relay.aws;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The relay key (HMAC key of resume tokens) shared by every Lambda instance: created once, at random, in the
 * connection table under {@code pk = K#relay-key} (no TTL), then read by all. The first instance to write wins; the
 * others read its key. Deleting the stack deletes the key, which invalidates outstanding resume tokens.
 */
public final class DynamoRelayKey {
    static final String ITEM = "K#relay-key";
    private static final String VALUE = "key";

    private DynamoRelayKey() {}

    /** Returns the table's relay key, creating a random 32-byte key if there is none yet. */
    public static byte[] loadOrCreate(DynamoDbClient dynamo, String table, SecureRandom random) {
        Optional<byte[]> existing = load(dynamo, table);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] candidate = new byte[32];
        random.nextBytes(candidate);
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(Map.of(
                            DynamoConnectionMap.KEY,
                            AttributeValue.fromS(ITEM),
                            VALUE,
                            AttributeValue.fromB(SdkBytes.fromByteArray(candidate))))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", DynamoConnectionMap.KEY))
                    .build());
            return candidate;
        } catch (ConditionalCheckFailedException anotherInstanceWasFirst) {
            return load(dynamo, table).orElseThrow();
        }
    }

    private static Optional<byte[]> load(DynamoDbClient dynamo, String table) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                        .tableName(table)
                        .key(Map.of(DynamoConnectionMap.KEY, AttributeValue.fromS(ITEM)))
                        .consistentRead(true)
                        .build())
                .item();
        return item == null || !item.containsKey(VALUE)
                ? Optional.empty()
                : Optional.of(item.get(VALUE).b().asByteArray());
    }
}
