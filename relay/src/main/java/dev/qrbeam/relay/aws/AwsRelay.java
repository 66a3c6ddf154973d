package dev.qrbeam.relay.aws;

import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.relay.core.ConnectionIds;
import dev.qrbeam.relay.core.RateLimiter;
import dev.qrbeam.relay.core.RelayCore;
import dev.qrbeam.relay.core.RelayCounters;
import dev.qrbeam.relay.core.RelayLimits;
import dev.qrbeam.relay.core.ResumeTokens;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Composition root of the Lambda relay: the relay core wired to API Gateway and DynamoDB.
 *
 * <p>Environment of the function (set by {@code relay/aws/template.yaml}):
 * <ul>
 *   <li>{@code TABLE_NAME} — the DynamoDB table (partition key {@code pk}, TTL attribute {@code ttl});</li>
 *   <li>{@code MANAGEMENT_ENDPOINT} — {@code https://{api-id}.execute-api.{region}.amazonaws.com/{stage}};</li>
 *   <li>{@code RELAY_KEY} — optional base64 resume-token key; without it one is created once in the table;</li>
 *   <li>{@code AWS_REGION} and the credentials variables — set by Lambda itself.</li>
 * </ul>
 */
record AwsRelay(RelayCore core, GatewayRegistry registry, GatewayOutbound outbound, WireJson json) {
    /** Bindings and tombstones outlive API Gateway's 2-hour connection lifetime by a margin. */
    static final Duration ITEM_LIFETIME = AwsLimits.MAX_CONNECTION_LIFETIME.plusMinutes(15);
    /** Window of the shared Request rate limits. */
    static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    /** Wires a relay from its parts (tests use in-memory maps and limiters, the Lambda DynamoDB). */
    static AwsRelay create(
            ConnectionMap map,
            GatewayOutbound outbound,
            ResumeTokens tokens,
            RelayLimits limits,
            RateLimiter perSource,
            RateLimiter perTarget) {
        GatewayRegistry registry = new GatewayRegistry(map, outbound);
        WireJson json = new WireJson();
        RelayCore core = new RelayCore(
                limits, registry, tokens, new ConnectionIds(), perSource, perTarget, json, new RelayCounters());
        return new AwsRelay(core, registry, outbound, json);
    }

    /** Wires the relay a deployed Lambda function runs, from its environment. */
    static AwsRelay fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static AwsRelay fromEnvironment(Map<String, String> env) {
        String table = required(env, "TABLE_NAME");
        URI endpoint = URI.create(required(env, "MANAGEMENT_ENDPOINT"));
        Region region = Region.of(required(env, "AWS_REGION"));
        SdkHttpClient http = UrlConnectionHttpClient.create();
        EnvironmentVariableCredentialsProvider credentials = EnvironmentVariableCredentialsProvider.create();
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .build();
        ApiGatewayManagementApiClient management = ApiGatewayManagementApiClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .endpointOverride(endpoint)
                .build();
        String configuredKey = env.get("RELAY_KEY");
        byte[] key = configuredKey == null || configuredKey.isBlank()
                ? DynamoRelayKey.loadOrCreate(dynamo, table, new SecureRandom())
                : Base64.getDecoder().decode(configuredKey.trim());
        RelayLimits limits = AwsLimits.relayLimits();
        Clock clock = Clock.systemUTC();
        return create(
                new DynamoConnectionMap(dynamo, table, ITEM_LIFETIME, clock),
                new ManagementApiOutbound(management),
                new ResumeTokens(key),
                limits,
                requestLimiter(
                        dynamo,
                        table,
                        "source",
                        limits.requestsPerSecondPerSource(),
                        limits.requestBurstPerSource(),
                        clock),
                requestLimiter(
                        dynamo,
                        table,
                        "target",
                        limits.requestsPerSecondPerTarget(),
                        limits.requestBurstPerTarget(),
                        clock));
    }

    /** A Request rate limit counted in the table, so it holds across Lambda instances ({@code scope}: source/target). */
    static DynamoWindowRateLimiter requestLimiter(
            DynamoDbClient dynamo, String table, String scope, double perSecond, int burst, Clock clock) {
        return new DynamoWindowRateLimiter(
                dynamo,
                table,
                scope,
                DynamoWindowRateLimiter.maxPerWindow(perSecond, burst, RATE_WINDOW),
                RATE_WINDOW,
                clock);
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
