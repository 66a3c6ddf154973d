package dev.qrbeam.app.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SendInputsTest {
    @Test
    void pastedTextYieldsAbsolutePathsAndFileUrisOnly() {
        assertThat(SendInputs.pathsIn("/tmp/a.txt\r\nfile:///tmp/b%20c.txt\n\nhello world\nrelative/x\nhttp://x/y"))
                .containsExactly(Path.of("/tmp/a.txt"), Path.of("/tmp/b c.txt"));
    }
}
