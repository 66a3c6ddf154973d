package dev.qrbeam.relay.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.relay.testing.TestWsClient;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;

/**
 * A file sent with the seed's own messages, as a client without the engine would: {@code Transfer} chunks of raw
 * bytes in base64 with a SHA-256 {@code chunkhash}, and {@code Acknowledge} listing {@code missingchunkids} to have
 * lost chunks sent again. Files are read and written chunk by chunk (nothing holds the whole file).
 */
final class RawChunkTransfer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path source;
    private final Path target;
    private final int chunkBytes;
    private final long chunkTotal;
    private final BitSet received;

    RawChunkTransfer(Path source, Path target, int chunkBytes) throws IOException {
        this.source = source;
        this.target = target;
        this.chunkBytes = chunkBytes;
        long size = java.nio.file.Files.size(source);
        this.chunkTotal = (size + chunkBytes - 1) / chunkBytes;
        this.received = new BitSet((int) chunkTotal);
    }

    long chunkTotal() {
        return chunkTotal;
    }

    int receivedCount() {
        return received.cardinality();
    }

    /** The Transfer message for one chunk, addressed to {@code receiverId}. */
    String transfer(String receiverId, long chunkId) throws IOException {
        byte[] data = read(chunkId);
        ObjectNode message = JSON.createObjectNode()
                .put("connectionid", receiverId)
                .put("data", Base64.getEncoder().encodeToString(data))
                .put("chunkid", chunkId)
                .put("chunktotal", chunkTotal)
                .put("chunkhash", sha256(data));
        return JSON.writeValueAsString(
                JSON.createObjectNode().put("action", "Transfer").set("message", message));
    }

    /**
     * Sends the given chunks until the connection goes away.
     *
     * @return how many were written before it did
     */
    int sendWhileOpen(TestWsClient sender, String receiverId, List<Long> chunkIds) throws IOException {
        int sent = 0;
        for (long id : chunkIds) {
            if (sender.isClosed()) {
                break;
            }
            try {
                sender.send(transfer(receiverId, id));
                sent++;
            } catch (AssertionError closedMidSend) {
                break;
            }
        }
        return sent;
    }

    /**
     * Takes one received message: a Transfer chunk is checked against its hash and written in place.
     *
     * @return true if it was a new, intact chunk from {@code senderId}
     */
    boolean accept(JsonNode message, String senderId) throws IOException {
        JsonNode body = message.path("message");
        if (!"Transfer".equals(message.path("action").asText())
                || !senderId.equals(body.path("connectionid").asText())) {
            return false;
        }
        long chunkId = body.path("chunkid").asLong();
        byte[] data = Base64.getDecoder().decode(body.path("data").asText());
        if (body.path("chunktotal").asLong() != chunkTotal
                || !sha256(data).equals(body.path("chunkhash").asText())
                || received.get((int) chunkId)) {
            return false;
        }
        try (RandomAccessFile out = new RandomAccessFile(target.toFile(), "rw")) {
            out.seek(chunkId * chunkBytes);
            out.write(data);
        }
        received.set((int) chunkId);
        return true;
    }

    /** Drains what a (possibly closed) receiver connection still holds. */
    void drain(TestWsClient receiver, String senderId) throws IOException {
        for (String text = receiver.pollText(Duration.ofMillis(200));
                text != null;
                text = receiver.pollText(Duration.ofMillis(200))) {
            accept(JSON.readTree(text), senderId);
        }
    }

    List<Long> missing() {
        List<Long> missing = new ArrayList<>();
        for (int i = received.nextClearBit(0); i < chunkTotal; i = received.nextClearBit(i + 1)) {
            missing.add((long) i);
        }
        return missing;
    }

    String acknowledge(String senderId) throws IOException {
        List<Long> missing = missing();
        ObjectNode message =
                JSON.createObjectNode().put("connectionid", senderId).put("success", missing.isEmpty());
        missing.forEach(message.putArray("missingchunkids")::add);
        return JSON.writeValueAsString(
                JSON.createObjectNode().put("action", "Acknowledge").set("message", message));
    }

    private byte[] read(long chunkId) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(source.toFile(), "r")) {
            long offset = chunkId * chunkBytes;
            byte[] data = new byte[(int) Math.min(chunkBytes, in.length() - offset)];
            in.seek(offset);
            in.readFully(data);
            return data;
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
