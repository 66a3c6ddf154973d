package dev.qrbeam.protocol.message;

/** Body of {@code {"action":"Error","message":{"code":..., "error":...}}}; {@code code} is an {@link ErrorCode} string. */
public record ErrorMessage(String code, String error) {}
