package dev.qrbeam.core.receive;

import dev.qrbeam.core.api.FailureCode;
import dev.qrbeam.core.api.TransferException;
import dev.qrbeam.core.control.Control;
import dev.qrbeam.protocol.json.WireJson;
import dev.qrbeam.protocol.manifest.ManifestCodec;

/**
 * The parts of the manifest of one epoch, held until all arrived, but never more than
 * {@link ManifestCodec#MAX_PARTS} of them nor more than {@link WireJson#MAX_DOCUMENT} characters in all: a sender
 * that goes past either ends the transfer (it cannot fill this heap by never sending the last part). Not
 * thread-safe: guarded by the {@link ChunkIntake}.
 */
final class ManifestParts {
    private String[] parts;
    private long epoch = -1;
    private long chars;

    /** Forgets a half-assembled manifest (new keys). */
    void clear() {
        parts = null;
    }

    /**
     * Adds one part; returns the whole manifest JSON once every part of its epoch is in, else null. Malformed
     * parts are ignored.
     *
     * @throws TransferException PROTOCOL when the manifest is over a bound
     */
    String add(Control m) throws TransferException {
        if (m.epoch() == null
                || m.index() == null
                || m.count() == null
                || m.data() == null
                || m.count() < 1
                || m.index() < 0
                || m.index() >= m.count()) {
            return null;
        }
        if (m.count() > ManifestCodec.MAX_PARTS) {
            parts = null;
            throw new TransferException(
                    FailureCode.PROTOCOL,
                    "refused the sender's manifest: " + m.count() + " parts, at most " + ManifestCodec.MAX_PARTS
                            + " allowed");
        }
        if (parts == null || epoch != m.epoch() || parts.length != m.count()) {
            parts = new String[m.count()];
            epoch = m.epoch();
            chars = 0;
        }
        String old = parts[m.index()];
        chars += m.data().length() - (old == null ? 0 : old.length());
        if (chars > WireJson.MAX_DOCUMENT) {
            parts = null;
            throw new TransferException(
                    FailureCode.PROTOCOL,
                    "refused the sender's manifest: more than " + WireJson.MAX_DOCUMENT + " characters");
        }
        parts[m.index()] = m.data();
        for (String p : parts) {
            if (p == null) {
                return null;
            }
        }
        String json = String.join("", parts);
        parts = null;
        return json;
    }
}
