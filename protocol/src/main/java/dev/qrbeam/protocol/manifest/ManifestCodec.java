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
            throw new ManifestException(ManifestException.BAD, "Manifest is not valid: " + firstLine(e.getOriginalMessage()), e);
        }
        if (m == null) {
            throw new ManifestException(ManifestException.BAD, "Manifest is empty");
        }
        return ManifestValidator.validate(m, limits);
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
