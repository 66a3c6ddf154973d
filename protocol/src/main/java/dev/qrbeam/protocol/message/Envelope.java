package dev.qrbeam.protocol.message;

/** The outer JSON object every text message has: {@code {"action": ..., "message": {...}}}. */
public record Envelope<T>(String action, T message) {
    public static <T> Envelope<T> of(Action action, T message) {
        return new Envelope<>(action.wireName(), message);
    }
}
