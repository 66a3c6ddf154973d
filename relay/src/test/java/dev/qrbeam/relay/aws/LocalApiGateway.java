package dev.qrbeam.relay.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for API Gateway WebSocket APIs, for tests: a WebSocket endpoint at {@code ws://127.0.0.1:PORT/STAGE}
 * that enforces AWS's frame/message limits, refuses binary frames, cuts idle and old connections, turns every client
 * message into an {@link APIGatewayV2WebSocketEvent} for the Lambda handler, and serves the {@code @connections}
 * management API ({@code POST/DELETE/GET /STAGE/@connections/{id}}) on the same port, where the AWS SDK's
 * {@code ApiGatewayManagementApiClient} is pointed with {@link #managementEndpoint()}.
 *
 * <p>Handler invocations run on a worker pool, one at a time per connection (messages of one connection keep their
 * order), never on a Netty event loop: a handler calling back into {@code @connections} must not block the loop.
 */
public final class LocalApiGateway implements AutoCloseable {
    private final GatewayBehaviour behaviour;
    private final RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> handler;
    private final Context context;
    private final EventLoopGroup group = new NioEventLoopGroup(2);
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "local-apigw-lambda");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, GatewayConnection> connections = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AwaitableCount invocations = new AwaitableCount("handler invocations");
    private final AwaitableCount opened = new AwaitableCount("connections opened");
    private final AtomicInteger violations = new AtomicInteger();
    private final AwaitableCount disconnects = new AwaitableCount("$disconnect invocations");
    private final Channel server;
    private final GatewayEvents events;

    private LocalApiGateway(GatewayBehaviour behaviour, HandlerFactory handlers, Context context)
            throws InterruptedException {
        this.behaviour = behaviour;
        this.context = context;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(
                                        new HttpServerCodec(),
                                        new HttpObjectAggregator(behaviour.messageBytes() + 64 * 1024),
                                        new GatewayHttpRouter(LocalApiGateway.this));
                    }
                });
        this.server = bootstrap.bind("127.0.0.1", 0).sync().channel();
        this.events = new GatewayEvents(behaviour, "127.0.0.1:" + port());
        this.handler = handlers.create(managementEndpoint());
    }

    /** Starts the stand-in on 127.0.0.1 and an ephemeral port. */
    public static LocalApiGateway start(
            GatewayBehaviour behaviour,
            RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> handler)
            throws InterruptedException {
        return start(behaviour, endpoint -> handler);
    }

    /** Starts the stand-in, then creates the handler for its management endpoint. */
    public static LocalApiGateway start(GatewayBehaviour behaviour, HandlerFactory handlers)
            throws InterruptedException {
        return new LocalApiGateway(behaviour, handlers, new TestLambdaContext());
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The URL clients connect to, {@code ws://127.0.0.1:PORT/STAGE}. */
    public URI webSocketUri() {
        return URI.create("ws://127.0.0.1:" + port() + "/" + behaviour.stage());
    }

    /** The SDK endpoint override for the management API, {@code http://127.0.0.1:PORT/STAGE}. */
    public URI managementEndpoint() {
        return URI.create("http://127.0.0.1:" + port() + "/" + behaviour.stage());
    }

    /** Number of completed handler invocations so far, all route keys. */
    public int invocations() {
        return invocations.get();
    }

    /** Waits until {@code count} handler invocations have completed in total. */
    public void awaitInvocations(int count, Duration timeout) throws InterruptedException {
        invocations.await(count, timeout);
    }

    /** Connections opened so far (handshakes the {@code $connect} handler accepted). */
    public int connectionsOpened() {
        return opened.get();
    }

    /** Waits until {@code count} connections have been opened in total. */
    public void awaitConnectionsOpened(int count, Duration timeout) throws InterruptedException {
        opened.await(count, timeout);
    }

    /** Connections closed for breaking AWS's rules: binary frames, oversized frames or messages. */
    public int violations() {
        return violations.get();
    }

    void countOpened() {
        opened.increment();
    }

    void countViolation() {
        violations.incrementAndGet();
    }

    /** Waits until {@code count} {@code $disconnect} invocations have completed in total. */
    public void awaitDisconnects(int count, Duration timeout) throws InterruptedException {
        disconnects.await(count, timeout);
    }

    /**
     * Ends every open connection now as its maximum lifetime would (close 1001), for tests that need the cut at an
     * exact point of a transfer rather than after a wall-clock time.
     */
    public void cutAllConnections() {
        connections.values().forEach(GatewayConnection::cutLifetime);
    }

    /** Connections currently open. */
    public int openConnections() {
        return connections.size();
    }

    GatewayBehaviour behaviour() {
        return behaviour;
    }

    GatewayEvents events() {
        return events;
    }

    ExecutorService workers() {
        return workers;
    }

    Map<String, GatewayConnection> connections() {
        return connections;
    }

    /** A new API-Gateway-like connection id (base64 with '=' padding, so it must be URL-encoded by the SDK). */
    String newConnectionId() {
        byte[] bytes = new byte[11];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    /** Invokes the Lambda handler; a thrown exception becomes a 500 response, as Lambda reports it. */
    APIGatewayV2WebSocketResponse invoke(APIGatewayV2WebSocketEvent event) {
        try {
            APIGatewayV2WebSocketResponse response = handler.handleRequest(event, context);
            if (response == null) {
                response = new APIGatewayV2WebSocketResponse();
                response.setStatusCode(200);
            }
            return response;
        } catch (RuntimeException e) {
            context.getLogger()
                    .log("handler failed on " + event.getRequestContext().getRouteKey() + ": " + e);
            APIGatewayV2WebSocketResponse failed = new APIGatewayV2WebSocketResponse();
            failed.setStatusCode(500);
            return failed;
        } finally {
            if ("$disconnect".equals(event.getRequestContext().getRouteKey())) {
                disconnects.increment();
            }
            invocations.increment();
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.close().sync();
        connections.values().forEach(GatewayConnection::closeNow);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
