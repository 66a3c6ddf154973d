package dev.qrbeam.protocol.crypto;

/**
 * Separate nonce spaces under one key: the first four nonce bytes are the domain, the last eight a counter that
 * only ever increases. Chunks and control messages therefore can never share a nonce.
 */
enum RecordDomain {
    CHUNK(1),
    CONTROL(2);

    final int prefix;

    RecordDomain(int prefix) {
        this.prefix = prefix;
    }
}
