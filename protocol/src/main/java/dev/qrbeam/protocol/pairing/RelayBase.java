package dev.qrbeam.protocol.pairing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The canonical relay base of a code and its candidates: {@code http(s)://host[:port][/stage]}. */
final class RelayBase {
    private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9._~-]{1,64}");

    private RelayBase() {}

    /** Lower-case scheme and host, no default port, no trailing slash, at most one stage segment. */
    static URI canonical(URI base) {
        if (base == null || base.getScheme() == null) {
            throw malformed("The relay address needs a scheme (http or https)");
        }
        String scheme = base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new PairingCodeException(
                    PairingError.BAD_SCHEME, "The relay address must start with http:// or https://");
        }
        if (base.isOpaque()
                || base.getRawUserInfo() != null
                || base.getRawQuery() != null
                || base.getRawFragment() != null) {
            throw malformed("The relay address must be http(s)://host[:port][/stage]");
        }
        String host = base.getHost();
        if (host == null || host.isEmpty()) {
            throw malformed("The relay address has no host");
        }
        int port = base.getPort();
        if (port == 0 || port > 65535) {
            throw malformed("The relay port must be between 1 and 65535");
        }
        if ((scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443)) {
            port = -1;
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
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            host = IpLiteral.compress(host.substring(1, host.length() - 1));
        }
        try {
            return new URI(scheme, null, host, port, stage, null, null);
        } catch (URISyntaxException e) {
            throw malformed("The relay address is not valid");
        }
    }

    /** The same relay base with another host (an alternative address of the same relay). */
    static URI withHost(URI base, String host) {
        try {
            return canonical(new URI(base.getScheme(), null, host, base.getPort(), base.getRawPath(), null, null));
        } catch (URISyntaxException e) {
            throw malformed("The candidate address is not valid");
        }
    }

    /** ws/wss endpoint: same authority, path {@code /} or {@code /<stage>}. */
    static URI webSocketOf(URI base) {
        String scheme = base.getScheme().equals("https") ? "wss" : "ws";
        String path = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        return URI.create(scheme + "://" + base.getRawAuthority() + path);
    }

    static PairingCodeException malformed(String message) {
        return new PairingCodeException(PairingError.MALFORMED, message);
    }
}
