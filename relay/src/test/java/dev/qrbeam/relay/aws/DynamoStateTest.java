package dev.qrbeam.relay.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB-backed state (connection map, relay key, shared rate limit) against dynalite via the real SDK. */
@Timeout(60)
class DynamoStateTest {
    private static Dynalite dynalite;
    private static DynamoDbClient dynamo;
    private String table;

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

    @BeforeEach
    void createTable() {
        table = "relay-" + UUID.randomUUID();
        Dynalite.createRelayTable(dynamo, table);
    }

    private DynamoConnectionMap map(Clock clock) {
        return new DynamoConnectionMap(dynamo, table, Duration.ofMinutes(135), clock);
    }

    @Test
    void bindsBothWaysWithATtlBeyondTheConnectionLifetime() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        DynamoConnectionMap map = map(Clock.fixed(now, ZoneOffset.UTC));
        assertThat(map.bind("logicalA", "gw1=")).isEmpty();
        assertThat(map.gatewayId("logicalA")).contains("gw1=");
        assertThat(map.logicalId("gw1=")).contains("logicalA");
        Map<String, AttributeValue> item = dynamo.getItem(
                        b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS("L#logicalA"))))
                .item();
        assertThat(Long.parseLong(item.get("ttl").n()))
                .isEqualTo(now.plus(Duration.ofMinutes(135)).getEpochSecond());
    }

    @Test
    void resumeRebindsAndTheStaleDisconnectKeepsTheNewBinding() {
        DynamoConnectionMap map = map(Clock.systemUTC());
        map.bind("fresh", "gw2=");
        map.bind("logicalA", "gw1=");
        // gw2 resumes logicalA: the stale gateway connection is reported, gw2's own fresh id is dropped
        assertThat(map.bind("logicalA", "gw2=")).contains("gw1=");
        assertThat(map.gatewayId("fresh")).isEmpty();
        assertThat(map.logicalId("gw2=")).contains("logicalA");
        // the stale connection's $disconnect arrives afterwards
        map.release("logicalA", "gw1=");
        map.forget("gw1=");
        assertThat(map.gatewayId("logicalA")).contains("gw2=");
        assertThat(map.recentlyGone("logicalA")).isFalse();
    }

    @Test
    void releaseLeavesATombstoneUntilTheIdIsResumed() {
        DynamoConnectionMap map = map(Clock.systemUTC());
        map.bind("logicalA", "gw1=");
        map.release("logicalA", "gw1=");
        map.forget("gw1=");
        assertThat(map.gatewayId("logicalA")).isEmpty();
        assertThat(map.logicalId("gw1=")).isEmpty();
        assertThat(map.recentlyGone("logicalA")).isTrue();
        assertThat(map.recentlyGone("neverSeen")).isFalse();
        map.bind("logicalA", "gw3=");
        assertThat(map.recentlyGone("logicalA")).isFalse();
        assertThat(map.gatewayId("logicalA")).contains("gw3=");
    }

    @Test
    void relayKeyIsCreatedOnceAndSharedByEveryInstance() {
        byte[] first = DynamoRelayKey.loadOrCreate(dynamo, table, new SecureRandom());
        byte[] second = DynamoRelayKey.loadOrCreate(dynamo, table, new SecureRandom());
        assertThat(first).hasSize(32);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void sharedRateLimitCountsPerKeyAndWindow() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        DynamoWindowRateLimiter limiter =
                new DynamoWindowRateLimiter(dynamo, table, "target", 3, Duration.ofSeconds(10), clock);
        DynamoWindowRateLimiter otherInstance =
                new DynamoWindowRateLimiter(dynamo, table, "target", 3, Duration.ofSeconds(10), clock);
        assertThat(limiter.tryAcquire("victim")).isTrue();
        assertThat(otherInstance.tryAcquire("victim")).isTrue();
        assertThat(limiter.tryAcquire("victim")).isTrue();
        assertThat(otherInstance.tryAcquire("victim"))
                .as("4th in the window, from another instance")
                .isFalse();
        assertThat(limiter.tryAcquire("someoneElse")).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.tryAcquire("victim")).as("next window").isTrue();
    }

    /** A clock tests move forward by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
