package dev.qrbeam.protocol.message;

/** Seed {@code Request} body: {@code connectionid}, {@code qrhash}, {@code message}. */
public record RequestMessage(String connectionid, String qrhash, String message) {}
