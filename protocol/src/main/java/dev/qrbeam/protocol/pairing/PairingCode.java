package dev.qrbeam.protocol.pairing;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pairing code: one string that is both the QR content and the text a user pastes.
 *
 * <pre>
 *   http(s)://&lt;relay host[:port]&gt;[/&lt;stage&gt;]/r/&lt;version&gt;/&lt;sender connection id&gt;#&lt;secret&gt;
 *   https://relay.example.org/r/1/q2Xh0bE1Z3lWn4Tt9k8Y0A#mZ1b0y2w7eWcS3c8o6rJc8Y3Vd2m6Bq0sJ0l1Yk9u3E
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
 * <p>{@link #toString()} omits the secret; use {@link #format()} to obtain the full code.
 */
public record PairingCode(int version, URI relayBase, String senderId, byte[] secret) {

    /** The only version this build writes and reads. */
    public static final int VERSION = 1;
    /** Secret length in bytes (256 bits). */
    public static final int SECRET_BYTES = 32;
    /** Anything longer than this is refused before parsing. */
    public static final int MAX_LENGTH = 512;

    private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9._~-]{1,64}");
    private static final Pattern PATH = Pattern.compile("(?:/([^/]+))?/r/([0-9]{1,3})/([^/]*)");

    /** Validates and normalises; throws {@link PairingCodeException} on anything unusable. */
    public PairingCode {
        if (version != VERSION) {
            throw new PairingCodeException(PairingError.UNSUPPORTED_VERSION,
                    "Pairing code version " + version + " is not supported (this app understands version " + VERSION + ")");
        }
        relayBase = canonicalBase(relayBase);
        if (senderId == null || Base64Url.decodeOrNull(senderId) == null || senderId.length() != 22) {
            throw new PairingCodeException(PairingError.BAD_CONNECTION_ID,
                    "The sender connection id in the pairing code must be 22 base64url characters");
        }
        if (secret == null || secret.length != SECRET_BYTES) {
            throw new PairingCodeException(PairingError.BAD_SECRET, "The pairing secret must be 32 bytes");
        }
        secret = secret.clone();
    }

    /** A new code with a fresh 256-bit secret from {@code random} (use a {@link SecureRandom}). */
    public static PairingCode create(URI relayBase, String senderId, SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return new PairingCode(VERSION, relayBase, senderId, secret);
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
        byte[] secret = Base64Url.decodeOrNull(fragment);
        if (secret == null || secret.length != SECRET_BYTES) {
            throw new PairingCodeException(PairingError.BAD_SECRET,
                    "The pairing secret after '#' must be 43 base64url characters");
        }
        return new PairingCode(version, base, m.group(3), secret);
    }

    /** The full code, secret included: {@code <relayBase>/r/<version>/<senderId>#<secret>}. */
    public String format() {
        return relayBase + "/r/" + version + "/" + senderId + "#" + Base64Url.encode(secret);
    }

    /** The relay's WebSocket endpoint: same origin with ws/wss and path {@code /} or {@code /<stage>}. */
    public URI webSocketUri() {
        String scheme = relayBase.getScheme().equals("https") ? "wss" : "ws";
        String path = relayBase.getRawPath() == null || relayBase.getRawPath().isEmpty() ? "/" : relayBase.getRawPath();
        return URI.create(scheme + "://" + relayBase.getRawAuthority() + path);
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
        return o instanceof PairingCode other && version == other.version && relayBase.equals(other.relayBase)
                && senderId.equals(other.senderId) && MessageDigest.isEqual(secret, other.secret);
    }

    @Override
    public int hashCode() {
        return (31 * relayBase.hashCode() + senderId.hashCode()) * 31 + Arrays.hashCode(secret);
    }

    /** Without the secret, safe for logs. */
    @Override
    public String toString() {
        return "PairingCode[" + relayBase + "/r/" + version + "/" + senderId + "#<secret>]";
    }

    private static URI baseOf(URI uri, String stage) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), stage == null ? null : "/" + stage,
                    null, null);
        } catch (URISyntaxException e) {
            throw malformed("The relay address in the pairing code is not valid");
        }
    }

    private static URI canonicalBase(URI base) {
        if (base == null || base.getScheme() == null) {
            throw malformed("The relay address needs a scheme (http or https)");
        }
        String scheme = base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new PairingCodeException(PairingError.BAD_SCHEME, "The relay address must start with http:// or https://");
        }
        if (base.isOpaque() || base.getRawUserInfo() != null || base.getRawQuery() != null
                || base.getRawFragment() != null) {
            throw malformed("The relay address must be http(s)://host[:port][/stage]");
        }
        String host = base.getHost();
        if (host == null || host.isEmpty()) {
            throw malformed("The relay address has no host");
        }
        int port = base.getPort();
        if (port == 0 || port > 65535 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
            port = port == 0 || port > 65535 ? failPort() : -1;
        }
        String path = base.getRawPath();
        String stage = null;
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            String trimmed = path.endsWith("/") ? path.substring(1, path.length() - 1) : path.substring(1);
            if (!STAGE.matcher(trimmed).matches()) {
                throw malformed("The relay path may only be a single stage name like /dev");
            }
            stage = "/" + trimmed;
        }
        try {
            return new URI(scheme, null, host.toLowerCase(Locale.ROOT), port, stage, null, null);
        } catch (URISyntaxException e) {
            throw malformed("The relay address is not valid");
        }
    }

    private static int failPort() {
        throw malformed("The relay port must be between 1 and 65535");
    }

    private static PairingCodeException malformed(String message) {
        return new PairingCodeException(PairingError.MALFORMED, message);
    }
}
