package dev.qrbeam.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of a client's {@code Connect}. Both fields null: a fresh connection id. Both set: resume that id
 * (the token must be the one a previous Connect reply returned for it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectMessage(String connectionid, String resumetoken) {
}
