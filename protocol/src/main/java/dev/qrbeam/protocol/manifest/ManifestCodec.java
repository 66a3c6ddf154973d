package dev.qrbeam.protocol.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qrbeam.protocol.json.WireJson;
import java.nio.charset.StandardCharsets;

/**
 * Manifest JSON through the project's one hardened mapper ({@link WireJson}): duplicate keys, type coercion,
 * excessive nesting and oversized tokens are refused by the mapper; everything else by {@link ManifestValidator}.
 * The JSON is the plaintext of encrypted {@code Control} records only.
 */
public final class ManifestCodec {
    /**
     * Most parts a manifest may be split into on the wire: senders cut it into 16 KiB parts, and a manifest is at
     * most {@link WireJson#MAX_DOCUMENT} characters. Receivers refuse more parts, or more characters in all.
     */
    public static final int MAX_PARTS = (int) (WireJson.MAX_DOCUMENT / (16 * 1024));

    private final ObjectMapper mapper;
    private final ManifestLimits limits;

    public ManifestCodec(WireJson json, ManifestLimits limits) {
        this.mapper = json.mapper();
        this.limits = limits;
    }

    /** Validates (so a sender never sends what a receiver would refuse) and writes compact JSON. */
    public String write(Manifest manifest) {
        ManifestValidator.validate(manifest, limits);
        try {
            return mapper.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new ManifestException(ManifestException.BAD, "Manifest could not be written", e);
        }
    }

    /** Parses and validates untrusted manifest JSON. */
    public Manifest read(String json) {
        if (json == null || json.length() > WireJson.MAX_DOCUMENT) {
            throw new ManifestException(ManifestException.LIMIT, "Manifest JSON missing or too large");
        }
        Manifest m;
        try {
            m = mapper.readValue(json, Manifest.class);
        } catch (JsonProcessingException e) {
            throw new ManifestException(
                    ManifestException.BAD, "Manifest is not valid: " + firstLine(e.getOriginalMessage()), e);
        }
        if (m == null) {
            throw new ManifestException(ManifestException.BAD, "Manifest is empty");
        }
        return ManifestValidator.validate(m, limits);
    }

    /**
     * The manifest's identity: hex SHA-256 of its canonical JSON ({@link #write}). Two manifests with the same
     * transfer id but other names, sizes or hashes differ here; a receiver keys its resume state by it.
     */
    public String fingerprint(Manifest manifest) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(writeBytes(manifest)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** UTF-8 bytes of {@link #write}. */
    public byte[] writeBytes(Manifest manifest) {
        return write(manifest).getBytes(StandardCharsets.UTF_8);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl >= 0 ? s.substring(0, nl) : s;
        return SafePath.printable(line.length() > 200 ? line.substring(0, 200) : line);
    }
}
