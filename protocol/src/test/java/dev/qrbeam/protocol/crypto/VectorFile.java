package dev.qrbeam.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One rule for the committed vector files: the vectors the Java code computes now must equal the file byte for
 * byte; {@code -Dqrbeam.writeVectors=true} rewrites the file after a deliberate protocol change.
 */
final class VectorFile {
    /** Builds the vectors with the mapper it is given. */
    interface Source {
        ObjectNode vectors(ObjectMapper json) throws Exception;
    }

    private VectorFile() {}

    static void check(Path file, Source source) throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String fresh = json.writeValueAsString(source.vectors(json)) + "\n";
        if (Boolean.getBoolean("qrbeam.writeVectors")) {
            Files.writeString(file, fresh);
        }
        assertThat(Files.readString(file)).isEqualTo(fresh);
    }
}
