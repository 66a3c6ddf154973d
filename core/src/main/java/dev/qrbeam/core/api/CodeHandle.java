package dev.qrbeam.core.api;

import java.net.URI;
import java.time.Instant;

/** A transfer that shows a pairing code (a send, or a code-less receive): the code to show, and the transfer. */
public interface CodeHandle extends TransferHandle {
    /** The pairing code: both the QR content and the text to paste (an http(s) URL with the secret in the fragment). */
    String pairingCode();

    /** When the code stops accepting a peer. */
    Instant expiresAt();

    /** The relay WebSocket URI in use. */
    URI relay();
}
