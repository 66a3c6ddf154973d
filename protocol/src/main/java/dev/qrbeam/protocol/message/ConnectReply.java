package dev.qrbeam.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of the relay's {@code Connect} answer: the caller's own id, its resume token and the relay's limits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectReply(String connectionid, String resumetoken, Limits limits) {
}
