package dev.qrbeam.core.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Runnable main, not a test: the per-GiB CPU that base64 text mode adds in the JDK WebSocket client, measured the
 * way the client does it — {@code sendText} wraps any CharSequence in a {@code StringCharBuffer} and UTF-8-encodes
 * it char by char; received frames are decoded from read-only buffers — next to base64 itself. One thread, 1 MiB
 * chunks (~1.4 MB of text each), thread CPU time, three rounds (the last is steady state).
 */
public final class TextCodingBench {
    private TextCodingBench() {}

    public static void main(String[] args) {
        byte[] raw = new byte[1 << 20];
        new Random(1).nextBytes(raw);
        String text = Base64.getEncoder().encodeToString(raw);
        ByteBuffer utf8 = ByteBuffer.allocate(text.length());
        CharBuffer chars = CharBuffer.allocate(text.length());
        ByteBuffer received =
                ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
        byte[] b64 = new byte[text.length()];
        CharsetEncoder enc = StandardCharsets.UTF_8.newEncoder();
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder();
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= 3; round++) {
            long c0 = t.getCurrentThreadCpuTime();
            for (int i = 0; i < 1024; i++) {
                utf8.clear();
                enc.reset().encode(CharBuffer.wrap(text), utf8, true);
            }
            long c1 = t.getCurrentThreadCpuTime();
            for (int i = 0; i < 1024; i++) {
                chars.clear();
                dec.reset().decode(received.duplicate(), chars, true);
            }
            long c2 = t.getCurrentThreadCpuTime();
            for (int i = 0; i < 1024; i++) {
                Base64.getEncoder().encode(raw, b64);
            }
            long c3 = t.getCurrentThreadCpuTime();
            for (int i = 0; i < 1024; i++) {
                Base64.getDecoder().decode(b64, raw);
            }
            long c4 = t.getCurrentThreadCpuTime();
            System.out.printf(
                    "round %d, CPU-s per GiB of payload: UTF-8 encode as sendText does %.2f, "
                            + "decode from read-only buffers %.2f, base64 encode %.2f, base64 decode %.2f%n",
                    round, (c1 - c0) / 1e9, (c2 - c1) / 1e9, (c3 - c2) / 1e9, (c4 - c3) / 1e9);
        }
    }
}
