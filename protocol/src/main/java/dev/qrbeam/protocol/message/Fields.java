package dev.qrbeam.protocol.message;

/** The seed's exact JSON field names (all lower case). */
public final class Fields {
    public static final String ACTION = "action";
    public static final String MESSAGE = "message";
    public static final String CONNECTION_ID = "connectionid";
    public static final String QR_HASH = "qrhash";
    public static final String DATA = "data";
    public static final String CHUNK_ID = "chunkid";
    public static final String CHUNK_TOTAL = "chunktotal";
    public static final String CHUNK_HASH = "chunkhash";
    public static final String SUCCESS = "success";
    public static final String MISSING_CHUNK_IDS = "missingchunkids";
    public static final String RESUME_TOKEN = "resumetoken";
    /** Connect: the client's X25519 public key for bound resume (docs/protocol.md §8). */
    public static final String RESUME_KEY = "resumekey";
    /** Resuming Connect: the proof of the private key, bound to this connection. */
    public static final String RESUME_PROOF = "resumeproof";
    /** Connect reply: the relay's X25519 public key. */
    public static final String RELAY_KEY = "relaykey";

    public static final String LIMITS = "limits";
    public static final String CODE = "code";
    public static final String ERROR = "error";

    private Fields() {}
}
