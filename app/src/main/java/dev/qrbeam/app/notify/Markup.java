package dev.qrbeam.app.notify;

/**
 * Notification servers may read a subset of HTML in the body (the freedesktop "body-markup" capability):
 * file names and error texts must stay text, so {@code & < > " '} are escaped.
 */
final class Markup {
    private Markup() {}

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
