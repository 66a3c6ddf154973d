package dev.qrbeam.relay.core;

import java.nio.charset.StandardCharsets;

/** Builds the outgoing bytes of a spliced text Transfer: the sender's id in place of the target's, all else as is. */
final class Splicing {
    /** The outgoing message: {@code bytes[0, length)}. */
    record Out(byte[] bytes, int length) {}

    private Splicing() {}

    /** One copy of {@code b[off, off+len)} into a new array, with the id range replaced by {@code sender}. */
    static Out copyStamped(byte[] b, int off, int len, TextTransferSplicer.Splice s, String sender) {
        byte[] id = sender.getBytes(StandardCharsets.US_ASCII);
        int tail = len - s.end();
        byte[] out = new byte[s.start() + id.length + tail];
        System.arraycopy(b, off, out, 0, s.start());
        System.arraycopy(id, 0, out, s.start(), id.length);
        System.arraycopy(b, off + s.end(), out, s.start() + id.length, tail);
        return new Out(out, out.length);
    }

    /**
     * Replaces the id range in place: {@code b[0, len)} is the message and {@code b} has at least
     * {@code sender.length() - (s.end() - s.start())} spare bytes after it.
     */
    static Out stampInPlace(byte[] b, int len, TextTransferSplicer.Splice s, String sender) {
        byte[] id = sender.getBytes(StandardCharsets.US_ASCII);
        int tail = len - s.end();
        int newEnd = s.start() + id.length;
        if (newEnd != s.end()) {
            System.arraycopy(b, s.end(), b, newEnd, tail);
        }
        System.arraycopy(id, 0, b, s.start(), id.length);
        return new Out(b, newEnd + tail);
    }
}
