package dev.qrbeam.app.receive;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A quick local check that text looks like a QRBeam pairing code (an http(s) URL with a path and a
 * fragment) before it goes to the engine, so pasted junk never touches the network or the disk.
 * The engine does the full validation.
 */
final class PairingCodeCheck {
    private static final int MAX_LENGTH = 2048;

    private PairingCodeCheck() {
    }

    static boolean looksValid(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            return false;
        }
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawPath() != null && uri.getRawPath().length() > 1
                    && uri.getRawFragment() != null && uri.getRawFragment().length() >= 16;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
