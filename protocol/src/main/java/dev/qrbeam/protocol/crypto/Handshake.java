package dev.qrbeam.protocol.crypto;

import com.southernstorm.noise.protocol.CipherStatePair;
import com.southernstorm.noise.protocol.HandshakeState;
import dev.qrbeam.protocol.pairing.PairingCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The QRBeam handshake: Noise {@code NN} with a pre-shared key mixed in before the first message
 * ({@value #PROTOCOL}; noise-java 0.1.1 spells the current spec's {@code NNpsk0} by its earlier name
 * {@code NoisePSK_NN}: PSK first, then each ephemeral key is mixed into the cipher key).
 *
 * <ul>
 *   <li>PSK = HKDF(QR secret, info "qrbeam psk v1"). The secret itself never leaves the device.</li>
 *   <li>Prologue binds protocol version, relay base URL and BOTH connection ids; any difference fails.</li>
 *   <li>Receiver = initiator: {@link #writeMessage1()} (payload version 2 and a {@link ClaimMode}: new or resuming
 *       receiver; <b>no receiver token</b> — msg1 is protected only by the PSK and a public ephemeral key, so anyone
 *       holding the code who sees it could read its payload). Sender = responder: {@link #readMessage1(byte[])}
 *       then either {@link #writeMessage2()} (payload: status "accepted" + a fresh 32-byte key seed) or
 *       {@link #writeRefusal(HandshakeError)}.</li>
 *   <li>Receiver {@link #readMessage2(byte[])}; both {@link #split()} into {@link SessionKeys}:
 *       key(direction) = HKDF(seed, salt = handshake hash, info "qrbeam s2r v1" / "qrbeam r2s v1").</li>
 *   <li>The receiver's identity is proven afterwards, under the session keys: see {@link ReceiverClaim}
 *       ({@link ReceiverHandshake} and {@link SenderHandshake} run the whole exchange).</li>
 * </ul>
 *
 * <p>Key confirmation: a successful {@code readMessage2} proves to the receiver that the sender holds the secret
 * and saw its fresh ephemeral key; a successful {@code readMessage1} proves to the sender that the receiver holds
 * the secret (message 1 alone could be a replay, which still cannot decrypt anything); the claim record the sender
 * opens with the session keys confirms the receiver completed this very handshake. Not thread-safe; one instance
 * per attempt.
 */
public final class Handshake {
    /** The Noise protocol name as noise-java knows it. */
    public static final String PROTOCOL = "NoisePSK_NN_25519_ChaChaPoly_SHA256";
    /** Length of a receiver token (proven in the claim record, never carried by a handshake message). */
    public static final int TOKEN_BYTES = 16;
    /** Message 1 payload version: 2 = {@code version ‖ mode}; version 1 (which carried the token) is refused. */
    public static final byte PAYLOAD_VERSION = 2;

    private static final byte OLD_PAYLOAD_VERSION = 1;
    private static final int SEED_BYTES = 32;
    private static final byte ACCEPTED = 0;
    private static final byte REFUSED_EXPIRED = 1;
    private static final byte REFUSED_USED = 2;
    private static final byte REFUSED_RESUME_UNKNOWN = 3;
    private static final int MAX_MESSAGE = 512;

    private enum Step {
        WRITE1,
        READ1,
        WRITE2,
        READ2,
        DONE,
        SPLIT,
        REFUSED,
        FAILED
    }

    private final HandshakeState noise;
    private final boolean sender;
    private final SecureRandom random;
    private final ClaimMode mode;
    private Step step;
    private byte[] seed;

    private Handshake(PairingCode code, String receiverId, boolean sender, ClaimMode mode, SecureRandom random) {
        this.sender = sender;
        this.random = random;
        this.mode = mode;
        try {
            noise = new HandshakeState(PROTOCOL, sender ? HandshakeState.RESPONDER : HandshakeState.INITIATOR);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Noise " + PROTOCOL + " unavailable", e);
        }
        byte[] psk = Hkdf.derive(code.secret(), null, "qrbeam psk v1", 32);
        noise.setPreSharedKey(psk, 0, psk.length);
        Arrays.fill(psk, (byte) 0);
        byte[] prologue = prologue(code, receiverId);
        noise.setPrologue(prologue, 0, prologue.length);
        noise.start();
        step = sender ? Step.READ1 : Step.WRITE1;
    }

    /** The receiver's side; {@code mode} says whether it asks to pair for the first time or to resume. */
    public static Handshake initiator(PairingCode code, String receiverId, ClaimMode mode, SecureRandom random) {
        if (mode == null) {
            throw new IllegalArgumentException("claim mode required");
        }
        return new Handshake(code, receiverId, false, mode, random);
    }

    /** The sender's side; {@code receiverId} is the connection id the relay stamped on the receiver's Request. */
    public static Handshake responder(PairingCode code, String receiverId, SecureRandom random) {
        return new Handshake(code, receiverId, true, null, random);
    }

    /**
     * Tests only (deterministic vectors): use this X25519 private key as the local ephemeral key instead of a
     * random one. Call before this side writes its first message.
     */
    void fixEphemeralForTest(byte[] privateKey) {
        noise.getFixedEphemeralKey().setPrivateKey(privateKey, 0);
    }

    /** Receiver: message 1 (32 + 2 + 16 = 50 bytes), to send base64url-encoded as the Request's {@code qrhash}. */
    public byte[] writeMessage1() throws HandshakeException {
        expect(Step.WRITE1);
        byte[] out = write(new byte[] {PAYLOAD_VERSION, mode.wire()});
        step = Step.READ2;
        return out;
    }

    /**
     * Sender: reads message 1 and returns the receiver's {@link ClaimMode} (decide with
     * {@code ReceiverGate.precheck}, then answer with {@link #writeMessage2()} or {@link #writeRefusal}).
     *
     * @throws HandshakeException {@code handshake-failed} for a wrong secret or changed ids/relay URL,
     *     {@code handshake-version} for a receiver running an older QRBeam (payload version 1),
     *     {@code handshake-malformed} for garbage
     */
    public ClaimMode readMessage1(byte[] message) throws HandshakeException {
        expect(Step.READ1);
        byte[] payload = read(message);
        if (payload.length >= 1 && payload[0] == OLD_PAYLOAD_VERSION) {
            step = Step.FAILED;
            throw new HandshakeException(
                    HandshakeError.VERSION,
                    "The receiver runs an older QRBeam (handshake version 1); update QRBeam on both computers");
        }
        ClaimMode m = payload.length == 2 && payload[0] == PAYLOAD_VERSION ? ClaimMode.fromWire(payload[1]) : null;
        if (m == null) {
            step = Step.FAILED;
            throw new HandshakeException(HandshakeError.MALFORMED, "Handshake message 1 has an unknown payload");
        }
        step = Step.WRITE2;
        return m;
    }

    /** Sender: accepts the receiver; message 2 carries a fresh key seed. Then call {@link #split()}. */
    public byte[] writeMessage2() throws HandshakeException {
        expect(Step.WRITE2);
        seed = new byte[SEED_BYTES];
        random.nextBytes(seed);
        byte[] payload = new byte[1 + SEED_BYTES];
        payload[0] = ACCEPTED;
        System.arraycopy(seed, 0, payload, 1, SEED_BYTES);
        byte[] out = write(payload);
        Arrays.fill(payload, (byte) 0);
        step = Step.DONE;
        return out;
    }

    /**
     * Sender: refuses with {@link HandshakeError#CODE_EXPIRED}, {@link HandshakeError#CODE_USED} or
     * {@link HandshakeError#RESUME_UNKNOWN}. The refusal is authenticated, so the receiver can act on it. No keys
     * result.
     */
    public byte[] writeRefusal(HandshakeError reason) throws HandshakeException {
        expect(Step.WRITE2);
        byte code = switch (reason) {
            case CODE_EXPIRED -> REFUSED_EXPIRED;
            case CODE_USED -> REFUSED_USED;
            case RESUME_UNKNOWN -> REFUSED_RESUME_UNKNOWN;
            default ->
                throw new IllegalArgumentException(
                        "Only code-expired, code-used or resume-unknown can be sent as a refusal");
        };
        byte[] out = write(new byte[] {code});
        step = Step.REFUSED;
        return out;
    }

    /**
     * Receiver: reads message 2.
     *
     * @throws HandshakeException {@code handshake-failed} (wrong secret, changed ids, replayed or forged message),
     *     {@code code-expired} / {@code code-used} / {@code resume-unknown} when the sender refused,
     *     {@code handshake-malformed}
     */
    public void readMessage2(byte[] message) throws HandshakeException {
        expect(Step.READ2);
        byte[] payload = read(message);
        if (payload.length == 1 && payload[0] >= REFUSED_EXPIRED && payload[0] <= REFUSED_RESUME_UNKNOWN) {
            step = Step.REFUSED;
            throw switch (payload[0]) {
                case REFUSED_EXPIRED ->
                    new HandshakeException(
                            HandshakeError.CODE_EXPIRED, "The pairing code has expired; ask the sender for a new one");
                case REFUSED_USED ->
                    new HandshakeException(
                            HandshakeError.CODE_USED, "This pairing code was already used by another receiver");
                default ->
                    new HandshakeException(
                            HandshakeError.RESUME_UNKNOWN,
                            "The sender has no paired receiver to resume; pair as a new receiver");
            };
        }
        if (payload.length != 1 + SEED_BYTES || payload[0] != ACCEPTED) {
            step = Step.FAILED;
            throw new HandshakeException(HandshakeError.MALFORMED, "Handshake message 2 has an unknown payload");
        }
        seed = Arrays.copyOfRange(payload, 1, payload.length);
        Arrays.fill(payload, (byte) 0);
        step = Step.DONE;
    }

    /** Both sides, after an accepted handshake: the per-direction session keys. Can be called once. */
    public SessionKeys split() throws HandshakeException {
        expect(Step.DONE);
        byte[] hash = noise.getHandshakeHash().clone(); // destroy() below zeroes the internal array
        CipherStatePair unused = noise.split();
        unused.destroy();
        noise.destroy();
        byte[] s2r = Hkdf.derive(seed, hash, "qrbeam s2r v1", 32);
        byte[] r2s = Hkdf.derive(seed, hash, "qrbeam r2s v1", 32);
        Arrays.fill(seed, (byte) 0);
        step = Step.SPLIT;
        SessionKeys keys = sender ? new SessionKeys(true, s2r, r2s, hash) : new SessionKeys(false, r2s, s2r, hash);
        Arrays.fill(s2r, (byte) 0);
        Arrays.fill(r2s, (byte) 0);
        return keys;
    }

    /** The prologue: length-prefixed UTF-8 fields, so no two different inputs give the same bytes. */
    static byte[] prologue(PairingCode code, String receiverId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String field : new String[] {
            "qrbeam handshake",
            Integer.toString(code.version()),
            code.relayBase().toString(),
            code.senderId(),
            receiverId
        }) {
            byte[] b = field.getBytes(StandardCharsets.UTF_8);
            out.write(b.length >>> 8);
            out.write(b.length);
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    private byte[] write(byte[] payload) throws HandshakeException {
        if (noise.getAction() != HandshakeState.WRITE_MESSAGE) {
            throw new HandshakeException(HandshakeError.STATE, "Noise is not ready to write");
        }
        byte[] buf = new byte[MAX_MESSAGE];
        try {
            int n = noise.writeMessage(buf, 0, payload, 0, payload.length);
            return Arrays.copyOf(buf, n);
        } catch (GeneralSecurityException | IllegalStateException e) {
            step = Step.FAILED;
            throw new HandshakeException(HandshakeError.STATE, "Could not write handshake message", e);
        }
    }

    private byte[] read(byte[] message) throws HandshakeException {
        if (message == null || message.length < 32 + 16 || message.length > MAX_MESSAGE) {
            step = Step.FAILED;
            throw new HandshakeException(HandshakeError.MALFORMED, "Handshake message has an impossible length");
        }
        byte[] buf = new byte[MAX_MESSAGE];
        try {
            int n = noise.readMessage(message, 0, message.length, buf, 0);
            return Arrays.copyOf(buf, n);
        } catch (javax.crypto.BadPaddingException e) {
            step = Step.FAILED;
            throw new HandshakeException(
                    HandshakeError.AUTH_FAILED,
                    "Handshake failed: the other side does not hold this pairing code (or the connection ids changed)",
                    e);
        } catch (GeneralSecurityException | IllegalStateException | IllegalArgumentException e) {
            step = Step.FAILED;
            throw new HandshakeException(HandshakeError.MALFORMED, "Handshake message could not be read", e);
        }
    }

    private void expect(Step wanted) throws HandshakeException {
        if (step != wanted) {
            throw new HandshakeException(HandshakeError.STATE, "Handshake step " + wanted + " called in state " + step);
        }
    }
}
