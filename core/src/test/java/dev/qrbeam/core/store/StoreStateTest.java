package dev.qrbeam.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review finding: a crash while appending a line naming "Äpfel.jpg" (a file system without ordered data) cut the
 * line inside a two-byte character; reading the log then failed to decode, and the transfer could not be resumed.
 */
class StoreStateTest {
    @TempDir
    Path tmp;

    @Test
    void aLineTornInsideAMultiByteCharacterIsIgnoredLikeAnyTornLine() throws Exception {
        try (StoreState s = new StoreState(tmp)) {
            s.put("part.0", "Äpfel.jpg.part");
        }
        byte[] torn = "part.1=Öl.jpg.part\n".getBytes(StandardCharsets.UTF_8);
        Files.write(tmp.resolve("state.log"), Arrays.copyOf(torn, 8), StandardOpenOption.APPEND); // "part.1=" + half Ö
        try (StoreState s = new StoreState(tmp)) {
            assertThat(s.get("part.0")).isEqualTo("Äpfel.jpg.part");
            assertThat(s.get("part.1")).isNull();
        }
    }
}
