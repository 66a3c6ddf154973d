package dev.qrbeam.core.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.message.Action;
import dev.qrbeam.protocol.message.ConnectMessage;
import dev.qrbeam.protocol.message.ConnectReply;
import dev.qrbeam.protocol.message.Envelope;
import dev.qrbeam.protocol.message.Limits;
import dev.qrbeam.protocol.message.ProtocolException;

/**
 * The Connect exchange of the wire contract (§1, §3, §4): builds the request, reads the reply or an Error.
 *
 * @param connectionId our id
 * @param resumeToken the token that lets us reclaim the id later (null if the relay gives none)
 * @param limits advertised limits, AWS-like when absent
 * @param relayKey the relay's X25519 key for bound resume (null from a seed-style relay)
 */
record ConnectExchange(String connectionId, String resumeToken, AdvertisedLimits limits, String relayKey) {

    /** A Connect: fresh, or resuming {@code resumeId}; with {@code resumeKey} (and a proof when bound). */
    static String request(WireJson wire, String resumeId, String resumeToken, String resumeKey, String proof) {
        if (resumeId != null && resumeToken != null) {
            return wire.write(Envelope.of(Action.CONNECT, new ConnectMessage(resumeId, resumeToken, resumeKey, proof)));
        }
        if (resumeKey != null) {
            return wire.write(Envelope.of(Action.CONNECT, new ConnectMessage(null, null, resumeKey, null)));
        }
        return wire.write(wire.mapper().createObjectNode().put("action", Action.CONNECT.wireName()));
    }

    /**
     * Parses a message received while waiting for the Connect reply.
     *
     * @return the reply, or null if the message is something else
     * @throws RelayErrorException if the relay answered with an Error
     */
    static ConnectExchange parse(WireJson wire, String text) throws RelayErrorException {
        ObjectNode root;
        try {
            root = wire.readObject(text);
        } catch (ProtocolException e) {
            return null;
        }
        String action = root.path("action").asText("");
        JsonNode msg = root.path("message");
        if (Action.ERROR.wireName().equals(action)) {
            throw new RelayErrorException(
                    msg.path("code").asText("internal"), msg.path("error").asText(""));
        }
        if (!Action.CONNECT.wireName().equals(action)
                || !msg.path("connectionid").isTextual()) {
            return null;
        }
        ConnectReply reply;
        try {
            reply = wire.convert(msg, ConnectReply.class);
        } catch (ProtocolException e) {
            return null;
        }
        Limits l = reply.limits();
        AdvertisedLimits limits = l == null
                ? AdvertisedLimits.AWS_LIKE
                : new AdvertisedLimits(
                        clamp(l.maxtextbytes()), clamp(l.maxbinarybytes()), l.binary(), clamp(l.maxframebytes()));
        return new ConnectExchange(reply.connectionid(), reply.resumetoken(), limits, reply.relaykey());
    }

    private static int clamp(long v) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE - 8192, v));
    }

    /** Whether a failed exchange was the relay refusing a resume ({@code bad-resume}). */
    static boolean badResume(java.util.concurrent.ExecutionException e) {
        return e.getCause() instanceof RelayErrorException re && "bad-resume".equals(re.code());
    }
}
