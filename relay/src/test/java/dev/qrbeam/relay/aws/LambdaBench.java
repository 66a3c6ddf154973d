package dev.qrbeam.relay.aws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import dev.qrbeam.relay.core.RateLimiter;
import dev.qrbeam.relay.core.ResumeTokens;
import dev.qrbeam.relay.testing.TestWsClient;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Benchmark (a runnable, not a test) of the Lambda relay with ~20 KiB raw chunks as base64 Transfer messages:
 * <ol>
 *   <li>the handler in-process (no network): CPU time per message — the part of Lambda's billed duration that is the
 *       relay's own work;</li>
 *   <li>end to end through the local API Gateway stand-in and the AWS SDK management client, in-memory state;</li>
 *   <li>the same with DynamoDB state in dynalite (when installed).</li>
 * </ol>
 * Run: {@code mvn -q -pl relay -am -Pbench-aws -DskipTests verify [-Dbench.aws.args="20000 2000"]}.
 * Figures say nothing about AWS's own latency; see docs/benchmarks.md.
 */
public final class LambdaBench {
    private static final int RAW = 20 * 1024;

    private LambdaBench() {}

    public static void main(String[] args) throws Exception {
        int inProcess = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int endToEnd = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        byte[] raw = new byte[RAW];
        new Random(1).nextBytes(raw);
        String data = Base64.getEncoder().encodeToString(raw);
        System.out.printf(
                "chunk: %d bytes raw, %d base64; %d cores%n",
                RAW, data.length(), Runtime.getRuntime().availableProcessors());
        handlerInProcess(data, inProcess);
        System.out.println(endToEnd("stand-in, in-memory state", LambdaRelayStack.start(behaviour()), data, endToEnd));
        if (Dynalite.available()) {
            try (Dynalite dynalite = Dynalite.start();
                    DynamoDbClient dynamo = dynalite.client()) {
                Dynalite.createRelayTable(dynamo, "bench");
                Clock clock = Clock.systemUTC();
                LambdaRelayStack stack = LambdaRelayStack.start(
                        behaviour(),
                        new DynamoConnectionMap(dynamo, "bench", AwsRelay.ITEM_LIFETIME, clock),
                        RateLimiter.unlimited(),
                        RateLimiter.unlimited());
                System.out.println(endToEnd("stand-in, DynamoDB state (dynalite)", stack, data, endToEnd));
            }
        }
    }

    private static GatewayBehaviour behaviour() {
        return GatewayBehaviour.aws(Duration.ofMinutes(10), Duration.ofHours(2));
    }

    private static void handlerInProcess(String data, int messages) {
        AtomicLong posted = new AtomicLong();
        GatewayOutbound outbound = new GatewayOutbound() {
            @Override
            public void post(String gatewayId, String text) {
                posted.addAndGet(text.length());
            }

            @Override
            public void disconnect(String gatewayId) {}
        };
        InMemoryConnectionMap map = new InMemoryConnectionMap();
        RelayLambdaHandler handler = new RelayLambdaHandler(AwsRelay.create(
                map,
                outbound,
                ResumeTokens.random(),
                AwsLimits.relayLimits(),
                RateLimiter.unlimited(),
                RateLimiter.unlimited()));
        TestLambdaContext context = new TestLambdaContext();
        handler.handleRequest(event("$connect", "gwA=", null), context);
        handler.handleRequest(event("$connect", "gwB=", null), context);
        String target = map.logicalId("gwB=").orElseThrow();
        String transfer = "{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + target + "\",\"data\":\"" + data
                + "\",\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"" + "ab".repeat(32) + "\"}}";
        APIGatewayV2WebSocketEvent event = event("Transfer", "gwA=", transfer);
        for (int i = 0; i < messages / 2; i++) {
            handler.handleRequest(event, context);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            handler.handleRequest(event, context);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / messages;
        System.out.printf(
                "handler in-process: %d messages, %.0f msg/s, %.1f MB/s raw, %.0f µs CPU per message%n",
                messages, messages / seconds, messages * (double) RAW / seconds / 1e6, cpuMicros);
    }

    private static String endToEnd(String name, LambdaRelayStack stack, String data, int messages) throws Exception {
        try (LambdaRelayStack relay = stack;
                TestWsClient a = TestWsClient.connect(relay.uri());
                TestWsClient b = TestWsClient.connect(relay.uri())) {
            a.connectId();
            String idB = b.connectId();
            String transfer = "{\"action\":\"Transfer\",\"message\":{\"connectionid\":\"" + idB + "\",\"data\":\""
                    + data + "\",\"chunkid\":0,\"chunktotal\":1,\"chunkhash\":\"" + "ab".repeat(32) + "\"}}";
            int warm = Math.max(1, messages / 5);
            for (int i = 0; i < warm; i++) {
                a.send(transfer);
            }
            for (int i = 0; i < warm; i++) {
                b.awaitText();
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                a.send(transfer);
            }
            for (int i = 0; i < messages; i++) {
                b.awaitText();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return String.format(
                    "%s: %d messages, %.0f msg/s, %.1f MB/s raw",
                    name, messages, messages / seconds, messages * (double) RAW / seconds / 1e6);
        }
    }

    private static APIGatewayV2WebSocketEvent event(String routeKey, String gatewayId, String body) {
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(routeKey);
        context.setConnectionId(gatewayId);
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        event.setBody(body);
        return event;
    }
}
