/**
 * The wire: messages, codecs, pairing code, crypto, manifest and chunk math. Pure (no JavaFX, no network), so every
 * package is part of its API. Open for reflection because Jackson binds the message and manifest records.
 */
open module dev.qrbeam.protocol {
    requires transitive com.fasterxml.jackson.databind;
    requires noise.java; // org.signal.forks:noise-java has no module name; Handshake keeps it internal
    requires java.management; // CryptoWarmup reads the JVM's uptime

    exports dev.qrbeam.protocol.chunk;
    exports dev.qrbeam.protocol.crypto;
    exports dev.qrbeam.protocol.frame;
    exports dev.qrbeam.protocol.json;
    exports dev.qrbeam.protocol.manifest;
    exports dev.qrbeam.protocol.message;
    exports dev.qrbeam.protocol.pairing;
}
