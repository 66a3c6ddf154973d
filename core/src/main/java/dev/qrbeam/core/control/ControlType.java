package dev.qrbeam.core.control;

/** Kinds of encrypted control messages. */
public enum ControlType {
    /** Sender to receiver: (a part of) the manifest, after every handshake. */
    MANIFEST("manifest"),
    /** Receiver to sender: the chunks it still lacks; the sender sends exactly those. Answers manifest and sync. */
    RESUME("resume"),
    /** Sender to receiver: "tell me what you lack" (after the sender reconnected or ran out of work). */
    SYNC("sync"),
    /** Receiver to sender: nothing arrived for a while; please sync. */
    STALLED("stalled"),
    /** Receiver to sender: the last chunk it got and the bytes verified (flow-control credit, progress). */
    PROGRESS("progress"),
    /** Receiver to sender: every file is verified and in place. */
    DONE("done"),
    /** Sender to receiver: got DONE; the receiver may close. */
    BYE("bye"),
    /** Either side: the user cancelled. */
    CANCEL("cancel"),
    /** Either side: the transfer failed for the given code. */
    FAILURE("failure"),
    /** Sender to a receiver whose claim it accepted: sent at once, before the manifest (which may take a while). */
    ADMITTED("admitted"),
    /**
     * Sender to a receiver whose claim it refused ({@code code}: {@code code-used} or {@code code-expired}); the
     * sender then ignores that connection. See docs/protocol-transfer.md §2.2.
     */
    REFUSED("refused"),
    /** Sender to its previous peer: the same receiver (token) resumed on another connection; stop now. */
    REPLACED("replaced"),
    /**
     * "Download directly" (phone page, built-in relay only). Sender to receiver without fields: offered; receiver to
     * sender with {@code index}: please offer that file; sender to receiver with {@code index} and {@code data}: the
     * download's URL path. Not end-to-end encrypted; see README "From a phone".
     */
    DIRECT("direct"),
    /**
     * A code-less receiver (it shows the code) to the scanner that admitted: "I receive; send me your manifest with
     * {@code chunksize}". Sent after {@code admitted} instead of a manifest; see docs/protocol-transfer.md §6b.
     */
    RECEIVE("receive"),
    /**
     * Receiver to sender, before an {@code Acknowledge} or {@code resume} that asks for a chunk again: the parts
     * ({@code data}: granule bitmap, {@code chunk}: id) of that chunk it already holds, so only the rest is sent
     * (a bounded hint; docs/protocol-transfer.md §6).
     */
    HAVE("have"),
    UNKNOWN("?");

    private final String wire;

    ControlType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static ControlType fromWire(String s) {
        for (ControlType t : values()) {
            if (t.wire.equals(s)) {
                return t;
            }
        }
        return UNKNOWN;
    }
}
