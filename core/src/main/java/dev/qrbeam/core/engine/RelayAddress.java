package dev.qrbeam.core.engine;

import java.net.URI;
import java.net.URISyntaxException;

/** Converts between a relay's WebSocket URI and the http(s) base a pairing code carries (wire contract §7). */
final class RelayAddress {
    private RelayAddress() {}

    /** ws://h:p/ → http://h:p, wss://h/stage → https://h/stage. */
    public static URI baseOf(URI ws) {
        String scheme = switch (ws.getScheme().toLowerCase(java.util.Locale.ROOT)) {
            case "ws", "http" -> "http";
            case "wss", "https" -> "https";
            default ->
                throw new IllegalArgumentException("relay URL must be ws://, wss://, http:// or https://: " + ws);
        };
        String path = ws.getRawPath() == null || ws.getRawPath().equals("/") ? null : ws.getRawPath();
        if (path != null && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new URI(scheme, null, ws.getHost(), ws.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad relay URL " + ws, e);
        }
    }

    /** Accepts ws(s):// or http(s):// and returns the WebSocket URI. */
    public static URI webSocketOf(URI any) {
        String scheme = any.getScheme() == null ? "" : any.getScheme().toLowerCase(java.util.Locale.ROOT);
        String ws = switch (scheme) {
            case "ws", "http" -> "ws";
            case "wss", "https" -> "wss";
            default ->
                throw new IllegalArgumentException("relay URL must be ws://, wss://, http:// or https://: " + any);
        };
        String path = any.getRawPath() == null || any.getRawPath().isEmpty() ? "/" : any.getRawPath();
        return URI.create(ws + "://" + any.getRawAuthority() + path);
    }
}
