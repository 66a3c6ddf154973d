package dev.qrbeam.relay.aws;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * dynalite (npm, an open-source implementation of the DynamoDB API, installed by {@code .ci/setup-aws.sh}) on
 * 127.0.0.1 and an ephemeral port, in memory, as a local DynamoDB for the real AWS SDK client. Stops on close.
 */
final class Dynalite implements AutoCloseable {
    private final Process process;
    private final int port;

    private Dynalite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** True if the {@code dynalite} command is on the PATH. */
    static boolean available() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, "dynalite").canExecute()) {
                return true;
            }
        }
        return false;
    }

    static Dynalite start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder(
                        "dynalite",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port),
                        "--createTableMs",
                        "0",
                        "--deleteTableMs",
                        "0",
                        "--updateTableMs",
                        "0")
                .redirectErrorStream(true)
                .start();
        CountDownLatch listening = new CountDownLatch(1);
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = out.readLine()) != null; ) {
                            if (line.contains("listening")) {
                                listening.countDown();
                            }
                        }
                    } catch (IOException ended) {
                        // process gone
                    }
                },
                "dynalite-output");
        reader.setDaemon(true);
        reader.start();
        if (!listening.await(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("dynalite did not start on port " + port);
        }
        return new Dynalite(process, port);
    }

    DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.EU_WEST_1)
                .credentialsProvider(LocalAws.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Creates the relay's table as the SAM template does: string partition key {@code pk}, on demand. */
    static void createRelayTable(DynamoDbClient dynamo, String table) {
        dynamo.createTable(b -> b.tableName(table)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("pk")
                        .keyType(KeyType.HASH)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
