package dev.qrbeam.protocol.pairing;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pairing code: one string that is both the QR content and the text a user pastes.
 *
 * <pre>
 *   http(s)://&lt;relay host[:port]&gt;[/&lt;stage&gt;]/r/&lt;version&gt;/&lt;sender connection id&gt;#&lt;secret&gt;
 *   https://relay.example.org/r/1/q2Xh0bE1Z3lWn4Tt9k8Y0A#mZ1b0y2w7eWcS3c8o6rJc8Y3Vd2m6Bq0sJ0l1Yk9u3E
 *   http://10.77.0.1:40125/r/2/q2Xh0bE1Z3lWn4Tt9k8Y0A#mZ1b0y2w7eWcS3c8o6rJc8Y3Vd2m6Bq0sJ0l1Yk9u3E~4rBEAAQ~4CgAAAQ
 * </pre>
 *
 * <ul>
 *   <li>{@code relayBase}: scheme, host, optional port and optional single stage segment, canonical form (lower-case
 *       scheme and host, no default port, no trailing slash). The WebSocket endpoint is {@link #webSocketUri()}.</li>
 *   <li>{@code senderId}: the sender's relay connection id, 22 base64url characters (128 bits).</li>
 *   <li>{@code secret}: 32 random bytes, 43 base64url characters, carried <b>only in the fragment</b>. Browsers never
 *       send a fragment to a server, and QRBeam never sends the secret or any fixed value derived from it to the
 *       relay: it only keys the handshake (see {@code dev.qrbeam.protocol.crypto.Handshake}).</li>
 * </ul>
 *
 * <p>Version 2 adds {@code alternates}: more addresses of the same relay and other relays the sender registered on,
 * as {@code ~}-separated tokens after the secret in the fragment ({@link CandidateTokens}); the URL's host stays
 * the best guess, so a phone opening the link reaches it. {@link #routes()} lists every way to dial. A code
 * without alternates is written as version 1, which every build reads.
 *
 * <p>{@link #toString()} omits the secret; use {@link #format()} to obtain the full code.
 */
public record PairingCode(int version, URI relayBase, String senderId, byte[] secret, List<Candidate> alternates) {

    /** The version of a code without alternates (every build reads it). */
    public static final int VERSION = 1;
    /** The version of a code with alternative candidates in its fragment. */
    public static final int VERSION_CANDIDATES = 2;
    /** Most alternates a code carries (more are ignored when parsing). */
    public static final int MAX_ALTERNATES = 12;
    /** Secret length in bytes (256 bits). */
    public static final int SECRET_BYTES = 32;
    /** Anything longer than this is refused before parsing. */
    public static final int MAX_LENGTH = 512;

    private static final Pattern PATH = Pattern.compile("(?:/([^/]+))?/r/([0-9]{1,3})/([^/]*)");

    /** Validates and normalises; throws {@link PairingCodeException} on anything unusable. */
    public PairingCode {
        if (version != VERSION && version != VERSION_CANDIDATES) {
            throw new PairingCodeException(
                    PairingError.UNSUPPORTED_VERSION,
                    "Pairing code version " + version + " is not supported (this app understands versions 1 and 2)");
        }
        alternates = alternates == null ? List.of() : List.copyOf(alternates);
        if (version == VERSION && !alternates.isEmpty()) {
            throw malformed("A version 1 pairing code has no alternative addresses");
        }
        relayBase = RelayBase.canonical(relayBase);
        if (senderId == null || Base64Url.decodeOrNull(senderId) == null || senderId.length() != 22) {
            throw new PairingCodeException(
                    PairingError.BAD_CONNECTION_ID,
                    "The sender connection id in the pairing code must be 22 base64url characters");
        }
        if (secret == null || secret.length != SECRET_BYTES) {
            throw new PairingCodeException(PairingError.BAD_SECRET, "The pairing secret must be 32 bytes");
        }
        secret = secret.clone();
    }

    /** A version-1 code (no alternates). */
    public PairingCode(int version, URI relayBase, String senderId, byte[] secret) {
        this(version, relayBase, senderId, secret, List.of());
    }

    /** A new code with a fresh 256-bit secret from {@code random} (use a {@link SecureRandom}). */
    public static PairingCode create(URI relayBase, String senderId, SecureRandom random) {
        return create(relayBase, senderId, List.of(), random);
    }

    /** A new code naming {@code alternates} too (version 2; version 1 when there are none). */
    public static PairingCode create(URI relayBase, String senderId, List<Candidate> alternates, SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return new PairingCode(
                alternates.isEmpty() ? VERSION : VERSION_CANDIDATES, relayBase, senderId, secret, alternates);
    }

    /**
     * Parses a pasted or scanned code. Surrounding whitespace is ignored; anything else that is not exactly the
     * canonical form is refused with a {@link PairingCodeException} carrying a {@link PairingError}.
     */
    public static PairingCode parse(String text) {
        if (text == null) {
            throw malformed("No pairing code given");
        }
        String s = text.strip();
        if (s.isEmpty() || s.length() > MAX_LENGTH) {
            throw malformed("A pairing code is a link of up to " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw malformed("A pairing code contains only printable ASCII characters, without spaces");
            }
        }
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw malformed("The pairing code is not a valid link");
        }
        String fragment = uri.getRawFragment();
        if (fragment == null || fragment.isEmpty()) {
            throw new PairingCodeException(PairingError.BAD_SECRET, "The pairing code has no secret after '#'");
        }
        if (uri.getRawQuery() != null || uri.getRawUserInfo() != null || uri.isOpaque()) {
            throw malformed("A pairing code has no user name and no query part");
        }
        String path = uri.getRawPath();
        Matcher m = PATH.matcher(path == null ? "" : path);
        if (!m.matches()) {
            throw malformed("The pairing code's path must end in /r/<version>/<connection id>");
        }
        int version = Integer.parseInt(m.group(2));
        String stage = m.group(1);
        URI base = baseOf(uri, stage);
        int cut = fragment.indexOf(CandidateTokens.SEPARATOR);
        byte[] secret = Base64Url.decodeOrNull(cut < 0 ? fragment : fragment.substring(0, cut));
        if (secret == null || secret.length != SECRET_BYTES) {
            throw new PairingCodeException(
                    PairingError.BAD_SECRET, "The pairing secret after '#' must be 43 base64url characters");
        }
        if (cut >= 0 && version == VERSION) {
            throw malformed("A version 1 pairing code has nothing after its secret");
        }
        List<Candidate> alternates = cut < 0 || version != VERSION_CANDIDATES
                ? List.of()
                : CandidateTokens.decodeAll(
                        fragment.substring(cut + 1), RelayBase.canonical(base), m.group(3), MAX_ALTERNATES);
        return new PairingCode(version, base, m.group(3), secret, alternates);
    }

    /** The full code, secret included: {@code <relayBase>/r/<version>/<senderId>#<secret>[~<candidate>...]}. */
    public String format() {
        StringBuilder b = new StringBuilder()
                .append(relayBase)
                .append("/r/")
                .append(version)
                .append('/')
                .append(senderId)
                .append('#')
                .append(Base64Url.encode(secret));
        for (Candidate c : alternates) {
            b.append(CandidateTokens.SEPARATOR).append(CandidateTokens.encode(c, relayBase, senderId));
        }
        return b.toString();
    }

    /** The relay's WebSocket endpoint: same origin with ws/wss and path {@code /} or {@code /<stage>}. */
    public URI webSocketUri() {
        return RelayBase.webSocketOf(relayBase);
    }

    /**
     * Every way to reach the sender, the URL's own relay first, then the alternates in the code's order. Routes to
     * another address of the primary relay keep this code as their handshake identity; a separate relay gets a
     * code with its own base and sender id (same version and secret), which both sides bind in the handshake.
     */
    public List<Route> routes() {
        List<Route> out = new ArrayList<>();
        out.add(new Route(webSocketUri(), this, true));
        for (Candidate c : alternates) {
            boolean same = c.senderId().equals(senderId);
            PairingCode identity =
                    same ? this : new PairingCode(version, c.relayBase(), c.senderId(), secret, List.of());
            out.add(new Route(RelayBase.webSocketOf(c.relayBase()), identity, same));
        }
        return out;
    }

    /** The optional stage segment (AWS API Gateway stage), without slashes. */
    public Optional<String> stage() {
        String p = relayBase.getRawPath();
        return p == null || p.isEmpty() ? Optional.empty() : Optional.of(p.substring(1));
    }

    /** A copy of the 32-byte secret. Never log or send it. */
    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairingCode other
                && version == other.version
                && relayBase.equals(other.relayBase)
                && senderId.equals(other.senderId)
                && MessageDigest.isEqual(secret, other.secret)
                && alternates.equals(other.alternates);
    }

    @Override
    public int hashCode() {
        return (31 * relayBase.hashCode() + senderId.hashCode()) * 31 + Arrays.hashCode(secret);
    }

    /** Without the secret, safe for logs. */
    @Override
    public String toString() {
        return "PairingCode[" + relayBase + "/r/" + version + "/" + senderId + "#<secret>"
                + (alternates.isEmpty() ? "" : " +" + alternates.size() + " candidates") + "]";
    }

    private static URI baseOf(URI uri, String stage) {
        try {
            return new URI(
                    uri.getScheme(),
                    null,
                    uri.getHost(),
                    uri.getPort(),
                    stage == null ? null : "/" + stage,
                    null,
                    null);
        } catch (URISyntaxException e) {
            throw malformed("The relay address in the pairing code is not valid");
        }
    }

    private static PairingCodeException malformed(String message) {
        return RelayBase.malformed(message);
    }
}
