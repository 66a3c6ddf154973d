package dev.qrbeam.core.relay;

import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Relay client events as lines a test can wait for ({@code connected <id> resumed=<bool>}, {@code disconnected
 * <reason>}, {@code closed <reason>}), and the text messages received.
 */
final class RecordingEvents implements RelayEvents {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

    @Override
    public void onText(String text) {
        texts.add(text);
    }

    @Override
    public void onBinary(ByteBuffer data) {}

    @Override
    public void onConnected(String connectionId, boolean resumed) {
        events.add("connected " + connectionId + " resumed=" + resumed);
    }

    @Override
    public void onDisconnected(String reason) {
        events.add("disconnected " + reason);
    }

    @Override
    public void onClosed(String reason) {
        events.add("closed " + reason);
    }
}
