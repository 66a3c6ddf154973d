package dev.qrbeam.core.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.core.send.SendSessionState;
import dev.qrbeam.core.store.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens, codes and resume state are readable by their owner only: other local users see nothing. */
class OwnerOnlyStateTest {
    @TempDir
    Path tmp;

    private Path stateDir;

    @BeforeEach
    void posixOnly() throws Exception {
        Assumptions.assumeTrue(
                tmp.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "POSIX permissions only (Windows gets an owner-only ACL)");
        stateDir = tmp.resolve("shared/state");
        Files.createDirectories(stateDir);
        Files.setPosixFilePermissions(
                stateDir, PosixFilePermissions.fromString("rwxr-xr-x")); // an older version's folder
    }

    @Test
    void theReceiverTokenIsNotReadableByOtherLocalUsers() throws Exception {
        ReceiveState state = ReceiveState.of(stateDir, "AAAAAAAAAAAAAAAAAAAAAA", tmp.resolve("out"));
        state.token(new SecureRandom());
        assertOwnerOnly(state.dir().resolve("token"));
        assertOwnerOnly(state.dir());
        assertOwnerOnly(stateDir.resolve("receive"));
    }

    @Test
    void theSendersSavedCodeIsNotReadableByOtherLocalUsers() throws Exception {
        SendSessionState s = SendSessionState.create(stateDir, "AAAAAAAAAAAAAAAAAAAAAA");
        s.put("secret", "not for others");
        s.save();
        Path dir = SendSessionState.dirFor(stateDir, "AAAAAAAAAAAAAAAAAAAAAA");
        assertOwnerOnly(dir.resolve("session.properties"));
        assertOwnerOnly(dir);
        assertOwnerOnly(stateDir.resolve("send"));
    }

    @Test
    void anExistingFileIsReplacedByAnOwnerOnlyOne() throws Exception {
        Path f = Files.createDirectories(tmp.resolve("app")).resolve("history.json");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        PrivateFiles.write(f, "new".getBytes());
        assertThat(Files.readString(f)).isEqualTo("new");
        assertOwnerOnly(f);
        assertOwnerOnly(f.getParent());
        try (var list = Files.list(f.getParent())) {
            assertThat(list.toList()).as("no temporary file left").containsExactly(f);
        }
    }

    private static void assertOwnerOnly(Path p) throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
                .as(p.toString())
                .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
    }
}
