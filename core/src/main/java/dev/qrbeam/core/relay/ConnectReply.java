package dev.qrbeam.core.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Connect exchange of the wire contract (§1, §3, §4): builds the request, reads the reply or an Error.
 *
 * @param connectionId our id
 * @param resumeToken the token that lets us reclaim the id later (null if the relay gives none)
 * @param limits advertised limits, AWS-like when absent
 */
record ConnectReply(String connectionId, String resumeToken, AdvertisedLimits limits) {

    static String request(ObjectMapper mapper, String resumeId, String resumeToken) {
        ObjectNode root = mapper.createObjectNode().put("action", "Connect");
        if (resumeId != null && resumeToken != null) {
            root.putObject("message").put("connectionid", resumeId).put("resumetoken", resumeToken);
        }
        return root.toString();
    }

    /**
     * Parses a message received while waiting for the Connect reply.
     *
     * @return the reply, or null if the message is something else
     * @throws RelayErrorException if the relay answered with an Error
     */
    static ConnectReply parse(ObjectMapper mapper, String text) throws RelayErrorException {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (Exception e) {
            return null;
        }
        String action = root.path("action").asText("");
        JsonNode msg = root.path("message");
        if ("Error".equals(action)) {
            throw new RelayErrorException(msg.path("code").asText("internal"), msg.path("error").asText(""));
        }
        if (!"Connect".equals(action) || !msg.path("connectionid").isTextual()) {
            return null;
        }
        JsonNode l = msg.path("limits");
        AdvertisedLimits limits = l.isObject()
                ? new AdvertisedLimits(l.path("maxtextbytes").asInt(AdvertisedLimits.AWS_LIKE.maxTextBytes()),
                        l.path("maxbinarybytes").asInt(0), l.path("binary").asBoolean(false),
                        l.path("maxframebytes").asInt(AdvertisedLimits.AWS_LIKE.maxFrameBytes()))
                : AdvertisedLimits.AWS_LIKE;
        String token = msg.path("resumetoken").isTextual() ? msg.path("resumetoken").asText() : null;
        return new ConnectReply(msg.path("connectionid").asText(), token, limits);
    }
}
