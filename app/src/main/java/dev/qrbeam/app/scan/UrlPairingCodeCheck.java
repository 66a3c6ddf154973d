package dev.qrbeam.app.scan;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * Structural check of a pairing code (wire contract 7): {@code http(s)://<relay>[/stage]/r/1/<id>#<secret>}.
 * Used until the protocol module's {@code PairingCode} parser is merged; replace it there, not here.
 */
public final class UrlPairingCodeCheck implements PairingCodeCheck {
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)?/r/1/[A-Za-z0-9_-]{22}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int MAX_LENGTH = 512;

    @Override
    public boolean isPairingCode(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return false;
        }
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && uri.getHost() != null
                    && uri.getRawQuery() == null
                    && uri.getRawPath() != null && PATH.matcher(uri.getRawPath()).matches()
                    && uri.getRawFragment() != null && SECRET.matcher(uri.getRawFragment()).matches();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
