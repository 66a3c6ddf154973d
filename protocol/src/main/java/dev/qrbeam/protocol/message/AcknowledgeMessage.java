package dev.qrbeam.protocol.message;

import java.util.List;

/** Seed {@code Acknowledge} body: {@code success} and the chunk ids still missing. */
public record AcknowledgeMessage(String connectionid, boolean success, List<Long> missingchunkids) {
    public AcknowledgeMessage {
        missingchunkids = missingchunkids == null ? List.of() : List.copyOf(missingchunkids);
    }
}
