package dev.qrbeam.core.api;

import java.net.URI;
import java.time.Instant;

/** A send in progress: the code to show, and the transfer behind it. */
public interface SendHandle extends TransferHandle {
    /** The pairing code: both the QR content and the text to paste (an http(s) URL with the secret in the fragment). */
    String pairingCode();

    /** When the code stops accepting a receiver. */
    Instant expiresAt();

    /** The relay WebSocket URI in use. */
    URI relay();
}
