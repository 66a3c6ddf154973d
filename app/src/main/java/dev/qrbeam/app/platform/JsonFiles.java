package dev.qrbeam.app.platform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.qrbeam.core.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The app's one JSON mapper, and crash-safe owner-only file writes (through {@link PrivateFiles}). */
public final class JsonFiles {
    private final ObjectMapper mapper;

    public JsonFiles() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxStringLength(1 << 20)
                        .maxNumberLength(32)
                        .build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
    }

    /** Reads {@code file}, or returns null when it does not exist. */
    public <T> T read(Path file, Class<T> type) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        return mapper.readValue(file.toFile(), type);
    }

    /**
     * Writes {@code value} so that a crash leaves either the old or the new file, never half of one; the file is
     * readable by the owner only, in an owner-only folder ({@link PrivateFiles}): history holds resume codes.
     */
    public void write(Path file, Object value) throws IOException {
        PrivateFiles.write(file, mapper.writeValueAsBytes(value));
    }
}
