package dev.qrbeam.protocol.pairing;

import java.net.URI;

/**
 * One more way to reach the sender, carried by a version-2 {@link PairingCode} next to its primary relay.
 *
 * <p>A candidate with the primary's sender id is another address of the <em>same</em> relay (e.g. the built-in
 * relay's other LAN addresses); one with a different sender id is a separate relay on which the sender registered
 * as well (the configured internet relay). {@link PairingCode#routes()} turns candidates into dialable routes.
 *
 * @param relayBase canonical {@code http(s)://host[:port][/stage]} of the relay, as in {@link PairingCode}
 * @param senderId the sender's connection id on that relay (22 base64url characters)
 */
public record Candidate(URI relayBase, String senderId) {
    /** Validates and normalises like the primary relay of a code. */
    public Candidate {
        relayBase = RelayBase.canonical(relayBase);
        if (senderId == null || senderId.length() != 22 || Base64Url.decodeOrNull(senderId) == null) {
            throw new PairingCodeException(
                    PairingError.BAD_CONNECTION_ID,
                    "A candidate's sender connection id must be 22 base64url characters");
        }
    }
}
