package dev.qrbeam.core.link;

import java.nio.charset.StandardCharsets;

/**
 * An ASCII text made of a head, a body and a tail byte array, read as a {@link CharSequence} without building a
 * String. The JDK WebSocket client encodes whatever {@code sendText} gets one char at a time, so a String copy of a
 * 1.4 MB base64 Transfer would only add two allocations and two copies per chunk (docs/benchmarks.md).
 * The arrays are not copied: the owner must not change them while a send of this text is in flight.
 */
final class AsciiText implements CharSequence {
    private final byte[] head;
    private final byte[] body;
    private final int bodyLength;
    private final byte[] tail;

    AsciiText(byte[] head, byte[] body, int bodyLength, byte[] tail) {
        this.head = head;
        this.body = body;
        this.bodyLength = bodyLength;
        this.tail = tail;
    }

    @Override
    public int length() {
        return head.length + bodyLength + tail.length;
    }

    @Override
    public char charAt(int index) {
        int i = index - head.length;
        if (i < 0) {
            return (char) head[index];
        }
        if (i < bodyLength) {
            return (char) body[i];
        }
        return (char) tail[i - bodyLength];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > length() || start > end) {
            throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + length());
        }
        return new Window(this, start, end);
    }

    @Override
    public String toString() {
        byte[] all = new byte[length()];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, bodyLength);
        System.arraycopy(tail, 0, all, head.length + bodyLength, tail.length);
        return new String(all, StandardCharsets.ISO_8859_1);
    }

    /** A part of an {@link AsciiText} (the relay client cuts long texts into frames). */
    private record Window(AsciiText text, int start, int end) implements CharSequence {
        @Override
        public int length() {
            return end - start;
        }

        @Override
        public char charAt(int index) {
            return text.charAt(start + index);
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return text.subSequence(start + from, start + to);
        }

        @Override
        public String toString() {
            return text.toString().substring(start, end);
        }
    }
}
