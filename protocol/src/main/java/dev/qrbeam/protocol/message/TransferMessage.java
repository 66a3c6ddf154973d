package dev.qrbeam.protocol.message;

/** Seed {@code Transfer} body: base64 {@code data} plus chunk numbering and hash. */
public record TransferMessage(String connectionid, String data, long chunkid, long chunktotal, String chunkhash) {}
