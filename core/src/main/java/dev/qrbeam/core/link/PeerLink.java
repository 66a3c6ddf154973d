package dev.qrbeam.core.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.core.relay.AdvertisedLimits;
import dev.qrbeam.core.relay.RelayClient;
import dev.qrbeam.core.relay.RelayEvents;
import dev.qrbeam.protocol.frame.TransferFrameCodec;
import dev.qrbeam.protocol.frame.TransferFrameHeader;
import dev.qrbeam.protocol.json.MessageValidator;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.json.WireMessage;
import dev.qrbeam.protocol.message.AcknowledgeMessage;
import dev.qrbeam.protocol.message.Action;
import dev.qrbeam.protocol.message.ProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Engine messages over a {@link RelayClient}: Transfer as a binary frame when the relay allows it and as base64 JSON
 * text otherwise; Acknowledge, Handshake and Control as JSON text. Inbound messages are validated with the
 * protocol's {@link MessageValidator} and dispatched to a {@link PeerHandler}; bad ones are reported, never thrown.
 */
public final class PeerLink implements RelayEvents {
    /** Room to reserve in front of a record so the binary header can be written in place. */
    public static final int HEADER_ROOM = TransferFrameCodec.MAX_HEADER_LENGTH;

    private static final String TRANSFER_PREFIX = "{\"action\":\"Transfer\"";
    private static final String DATA_KEY = "\"data\":\"";
    private static final int FAST_PATH_MIN = 4096;

    private final WireJson wire;
    private final MessageValidator validator = new MessageValidator();
    private final TextTransferEncoder textEncoder = new TextTransferEncoder();
    private volatile PeerHandler handler;
    private volatile RelayClient client;
    /** Why the relay client gave up, if it did; guarded by {@code this} together with setting {@link #handler}. */
    private String closedReason;

    /** @param handler receives inbound messages; null drops them until {@link #handler(PeerHandler)} is called */
    public PeerLink(WireJson wire, PeerHandler handler) {
        this.wire = wire;
        this.handler = handler == null ? new Dropping() : handler;
    }

    /** Drops everything: the state before a session exists. */
    private static final class Dropping implements PeerHandler {
        @Override
        public void onTransfer(String from, long chunkId, long chunkTotal, String chunkHash, ByteBuffer data) {}

        @Override
        public void onAcknowledge(String from, boolean success, List<Long> missingChunkIds) {}

        @Override
        public void onControl(String from, byte[] record) {}

        @Override
        public void onHandshake(String from, ObjectNode body) {}

        @Override
        public void onError(String code, String message) {}

        @Override
        public void onConnected(String ownId, boolean resumed) {}

        @Override
        public void onDisconnected(String reason) {}

        @Override
        public void onClosed(String reason) {}
    }

    /**
     * Replaces the handler (the session is often built after the first connect gave it an id). If the relay client
     * already gave up (a hostile relay can make it give up before the session exists), the new handler hears
     * {@code onClosed} at once instead of waiting for events that never come.
     */
    public void handler(PeerHandler h) {
        String reason;
        synchronized (this) {
            this.handler = h;
            reason = closedReason;
        }
        if (reason != null) {
            h.onClosed(reason);
        }
    }

    /** Sets the relay client messages go out through (a sender moves to the relay its receiver came from). */
    public void attach(RelayClient client) {
        this.client = client;
    }

    public RelayClient client() {
        return client;
    }

    public AdvertisedLimits limits() {
        return client.limits();
    }

    /**
     * Sends one chunk record. {@code frame} holds the record in {@code [HEADER_ROOM, limit)}; the bytes before
     * it are scratch space for the binary header. The buffer may be reused once this returns.
     */
    public void sendTransfer(String to, long chunkId, long chunkTotal, String chunkHash, ByteBuffer frame)
            throws IOException {
        RelayClient c = client;
        if (c.limits().binary()) {
            byte[] header = TransferFrameCodec.encodeHeader(to, chunkId, chunkTotal, chunkHash);
            int start = HEADER_ROOM - header.length;
            ByteBuffer out = frame.duplicate();
            out.position(start);
            out.put(header);
            out.position(start);
            c.sendBinary(out);
            return;
        }
        ByteBuffer record = frame.duplicate();
        record.position(HEADER_ROOM);
        synchronized (textEncoder) {
            c.sendText(textEncoder.encode(to, chunkId, chunkTotal, chunkHash, record));
        }
    }

    public void sendAcknowledge(String to, boolean success, List<Long> missing) throws IOException {
        client.sendText(wire.envelope(Action.ACKNOWLEDGE, new AcknowledgeMessage(to, success, missing)));
    }

    public void sendControl(String to, byte[] record) throws IOException {
        client.sendText(controlText(to, record));
    }

    /** Sends a Control through {@code via} (a relay other than the attached one, e.g. a refused receiver's). */
    public void sendControl(RelayClient via, String to, byte[] record) throws IOException {
        via.sendText(controlText(to, record));
    }

    /** Sends a Control now if the connection is free, without waiting; false if it was not sent. */
    public boolean trySendControl(String to, byte[] record) throws IOException {
        return client.trySendText(controlText(to, record));
    }

    private String controlText(String to, byte[] record) {
        ObjectNode body = wire.mapper()
                .createObjectNode()
                .put("connectionid", to)
                .put("data", Base64.getEncoder().encodeToString(record));
        return wire.envelope(Action.CONTROL, body);
    }

    /** Sends a Handshake; {@code body} gets the target id set. */
    public void sendHandshake(String to, ObjectNode body) throws IOException {
        sendHandshake(client, to, body);
    }

    /** Sends a Handshake through {@code via} (the relay the Request came from, when a sender has several). */
    public void sendHandshake(RelayClient via, String to, ObjectNode body) throws IOException {
        body.put("connectionid", to);
        via.sendText(wire.envelope(Action.HANDSHAKE, body));
    }

    public ObjectNode newBody() {
        return wire.mapper().createObjectNode();
    }

    @Override
    public void onText(String text) {
        if (text.length() > FAST_PATH_MIN && text.startsWith(TRANSFER_PREFIX) && fastTransfer(text)) {
            return;
        }
        ObjectNode root;
        WireMessage m;
        try {
            root = wire.readObject(text);
            if (Action.ERROR.wireName().equals(root.path("action").asText())) {
                JsonNode msg = root.path("message");
                handler.onError(
                        msg.path("code").asText("internal"), msg.path("error").asText(""));
                return;
            }
            m = validator.validate(root);
        } catch (ProtocolException e) {
            handler.onError(e.code().code(), e.getMessage());
            return;
        }
        ObjectNode body = m.body();
        String from = m.connectionId();
        switch (m.action()) {
            case TRANSFER -> transferText(from, body);
            case ACKNOWLEDGE -> {
                List<Long> ids = new ArrayList<>();
                body.path("missingchunkids").forEach(n -> ids.add(n.longValue()));
                handler.onAcknowledge(from, body.path("success").booleanValue(), ids);
            }
            case CONTROL -> {
                byte[] record = base64(body.path("data"));
                if (record == null) {
                    handler.onError("bad-field", "Control without base64 data from " + from);
                } else {
                    handler.onControl(from, record);
                }
            }
            case HANDSHAKE -> handler.onHandshake(from, body);
            case REQUEST ->
                handler.onRequest(
                        from,
                        body.path("qrhash").asText(""),
                        body.path("message").asText(""));
            default ->
                handler.onError("unknown-action", "unexpected " + m.action().wireName() + " from the relay");
        }
    }

    /**
     * Large text Transfers: the base64 {@code data} is cut out and decoded directly, and only the small rest of the
     * message goes through the JSON parser and validator (with {@code "data":""}), which halves the CPU of a text
     * Transfer. Falls back to the full parse (returns false) whenever the layout is not the plain one.
     */
    private boolean fastTransfer(String text) {
        int key = text.indexOf(DATA_KEY);
        if (key < 0) {
            return false;
        }
        int start = key + DATA_KEY.length();
        int end = text.indexOf('"', start);
        if (end < 0) {
            return false;
        }
        WireMessage m;
        try {
            m = validator.validate(wire.readObject(text.substring(0, start) + text.substring(end)));
        } catch (ProtocolException e) {
            return false; // e.g. an escaped quote inside data: the full parse reports the right error
        }
        if (m.action() != Action.TRANSFER) {
            return false;
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(text.substring(start, end));
        } catch (IllegalArgumentException e) {
            return false; // JSON escapes inside data (legal, if odd) or bad base64: the full parse decides
        }
        ObjectNode body = m.body();
        handler.onTransfer(
                m.connectionId(),
                body.path("chunkid").longValue(),
                body.path("chunktotal").longValue(),
                body.path("chunkhash").asText(""),
                ByteBuffer.wrap(data));
        return true;
    }

    private void transferText(String from, ObjectNode body) {
        byte[] data = base64(body.path("data"));
        if (data == null) {
            handler.onError("bad-field", "Transfer data is not base64");
            return;
        }
        handler.onTransfer(
                from,
                body.path("chunkid").longValue(),
                body.path("chunktotal").longValue(),
                body.path("chunkhash").asText(""),
                ByteBuffer.wrap(data));
    }

    private static byte[] base64(JsonNode n) {
        if (!n.isTextual()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(n.textValue());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void onBinary(ByteBuffer data) {
        TransferFrameHeader h;
        try {
            h = TransferFrameCodec.decodeHeader(data);
        } catch (ProtocolException e) {
            handler.onError(e.code().code(), e.getMessage());
            return;
        }
        // A writable, array-backed view (not TransferFrameCodec.data's read-only one): the JDK's AES-GCM copies
        // read-only input into a fresh array, a 1 MiB humongous allocation per chunk.
        ByteBuffer record = data.duplicate();
        record.position(data.position() + h.headerLength());
        handler.onTransfer(h.connectionId(), h.chunkId(), h.chunkTotal(), h.chunkHash(), record.slice());
    }

    @Override
    public void onConnected(String connectionId, boolean resumed) {
        handler.onConnected(connectionId, resumed);
    }

    @Override
    public void onDisconnected(String reason) {
        handler.onDisconnected(reason);
    }

    @Override
    public void onClosed(String reason) {
        PeerHandler h;
        synchronized (this) {
            closedReason = reason;
            h = handler;
        }
        h.onClosed(reason);
    }
}
