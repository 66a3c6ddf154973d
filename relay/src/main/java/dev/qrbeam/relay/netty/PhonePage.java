package dev.qrbeam.relay.netty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The phone page (built from {@code web/} into the resource {@code phone-page.html}: one HTML file with one inline
 * script and one inline style) and its Content-Security-Policy, which allows exactly those two by their SHA-256
 * hashes, WebSocket connections to the page's own host, and nothing else (no external requests, no frames, no
 * forms).
 */
final class PhonePage {
    private static final Pattern SAFE_HOST =
            Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:[0-9]{1,5})?");

    private final byte[] html;
    private final String policyPrefix;

    private PhonePage(byte[] html) {
        this.html = html;
        String text = new String(html, StandardCharsets.UTF_8);
        this.policyPrefix =
                "default-src 'none'; script-src '" + hashOf(text, "<script>", "</script>") + "'; style-src '"
                        + hashOf(text, "<style>", "</style>") + "'; img-src 'self' blob: data:; base-uri 'none'; "
                        + "form-action 'none'; frame-ancestors 'none'; connect-src 'self'";
    }

    /** Loads the page from the relay jar. */
    static PhonePage load() {
        try (InputStream in = PhonePage.class.getResourceAsStream("phone-page.html")) {
            if (in == null) {
                throw new IllegalStateException("phone-page.html is missing from the relay jar");
            }
            return new PhonePage(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] html() {
        return html;
    }

    /**
     * The CSP for a request with this {@code Host} header: {@code connect-src} also names ws:// and wss:// on that
     * host, since older Safari does not let {@code 'self'} cover WebSockets. A malformed Host gets only 'self'.
     */
    String policy(String host) {
        if (host == null || !SAFE_HOST.matcher(host).matches()) {
            return policyPrefix;
        }
        return policyPrefix + " ws://" + host + " wss://" + host;
    }

    private static String hashOf(String page, String open, String close) {
        int start = page.indexOf(open);
        int end = start < 0 ? -1 : page.indexOf(close, start);
        if (start < 0 || end < 0 || page.indexOf(open, end) >= 0) {
            throw new IllegalStateException("phone-page.html must have exactly one " + open + " element");
        }
        try {
            byte[] body = page.substring(start + open.length(), end).getBytes(StandardCharsets.UTF_8);
            return "sha256-"
                    + Base64.getEncoder()
                            .encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
