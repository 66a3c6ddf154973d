package dev.qrbeam.protocol.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qrbeam.protocol.message.Action;

/**
 * A parsed and validated text message.
 *
 * @param action the action
 * @param root   the whole JSON object (mutable tree; field order preserved)
 * @param body   the {@code message} object, or null for a Connect without one
 */
public record WireMessage(Action action, ObjectNode root, ObjectNode body) {
    /** The {@code message.connectionid} value, or null when absent (only possible for Connect). */
    public String connectionId() {
        return body == null || !body.hasNonNull("connectionid")
                ? null
                : body.get("connectionid").textValue();
    }
}
