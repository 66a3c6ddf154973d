package dev.qrbeam.protocol.message;

/**
 * The one filter for text that came from someone else (the peer, the relay, a file name in a manifest) before it
 * reaches a terminal, a log line or the UI: control characters (ESC, BEL, CR, LF, C1), invisible format characters
 * (bidi overrides) and line/paragraph separators are shown as {@code \\uXXXX}, lone surrogates too, and the text is
 * cut after a fixed number of code points. The result is one printable line that cannot move the cursor, set a
 * window title, clear the screen or reorder what follows it.
 */
public final class ForeignText {
    /** Default cap in code points. */
    public static final int MAX = 200;

    private ForeignText() {}

    /** {@link #printable(String, int)} with {@link #MAX}. */
    public static String printable(String text) {
        return printable(text, MAX);
    }

    /** The text made printable and cut after {@code max} code points ("…" marks the cut); null gives "(none)". */
    public static String printable(String text, int max) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder();
        text.codePoints().limit(max).forEach(cp -> {
            if (unsafe(cp)) {
                sb.append(String.format("\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return text.codePointCount(0, text.length()) > max ? sb + "…" : sb.toString();
    }

    /** Whether a code point may change how a terminal shows what follows (or is invisible). */
    public static boolean unsafe(int cp) {
        if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || Character.isSurrogate((char) cp) && cp <= 0xffff) {
            return true;
        }
        int type = Character.getType(cp);
        if (type == Character.FORMAT) {
            return cp != 0x200C && cp != 0x200D;
        }
        return type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE;
    }
}
