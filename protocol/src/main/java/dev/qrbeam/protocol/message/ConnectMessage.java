package dev.qrbeam.protocol.message;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of a client's {@code Connect}. {@code connectionid} and {@code resumetoken} both null: a fresh connection id;
 * both set: resume that id (the token must be the one a previous Connect reply returned for it). {@code resumekey}
 * (X25519 public key, base64url) on a fresh Connect asks for a <em>bound</em> id; a bound resume also carries
 * {@code resumekey} and {@code resumeproof} (docs/protocol.md §8).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectMessage(String connectionid, String resumetoken, String resumekey, String resumeproof) {
    /** A seed-style Connect (fresh, or legacy resume). */
    public ConnectMessage(String connectionid, String resumetoken) {
        this(connectionid, resumetoken, null, null);
    }
}
