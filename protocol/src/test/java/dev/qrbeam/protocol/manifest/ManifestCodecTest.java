package dev.qrbeam.protocol.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qrbeam.protocol.json.WireJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestCodecTest {
    static final String TID = "AAECAwQFBgcICQoLDA0ODw";
    static final String HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private final ManifestCodec codec = new ManifestCodec(new WireJson(), ManifestLimits.DEFAULT);

    static Manifest sample() {
        return new Manifest(
                1,
                TID,
                1 << 20,
                List.of("photos", "photos/empty"),
                List.of(
                        new ManifestFile("photos/a.jpg", 3_000_000, HASH, 1_764_150_000_000L),
                        new ManifestFile("notes.txt", 0, HASH, 0)));
    }

    @Test
    void roundTripsThroughTheWireMapper() {
        String json = codec.write(sample());
        assertThat(json).contains("\"transferid\":\"" + TID + "\"", "\"chunksize\":1048576", "\"sha256\"");
        Manifest back = codec.read(json);
        assertThat(back).isEqualTo(sample());
        assertThat(back.transferIdBytes()).hasSize(16);
        assertThat(back.totalBytes()).isEqualTo(3_000_000);
        assertThat(back.layout().chunkTotal()).isEqualTo(3 + 1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "[]",
                "null",
                "{\"version\":1}",
                "{\"version\":2,\"transferid\":\"" + TID + "\",\"chunksize\":4096,\"files\":[]}",
                "{\"version\":1,\"transferid\":\"short\",\"chunksize\":4096,\"files\":[]}",
                "{\"version\":1,\"transferid\":\"" + TID + "\",\"chunksize\":100,\"files\":[]}",
                "{\"version\":1,\"transferid\":\"" + TID + "\",\"chunksize\":\"4096\",\"files\":[]}",
                "{\"version\":1,\"transferid\":\"" + TID + "\",\"chunksize\":4096,\"files\":[null]}",
                "{\"version\":1,\"transferid\":\"" + TID
                        + "\",\"chunksize\":4096,\"files\":[{\"path\":\"a\",\"sha256\":\"" + HASH + "\"}]}",
                "{\"version\":1,\"transferid\":\"" + TID
                        + "\",\"chunksize\":4096,\"files\":[{\"path\":\"a\",\"size\":-1,\"sha256\":\"" + HASH + "\"}]}",
                "{\"version\":1,\"transferid\":\"" + TID
                        + "\",\"chunksize\":4096,\"files\":[{\"path\":\"a\",\"size\":1.5,\"sha256\":\"" + HASH
                        + "\"}]}",
                "{\"version\":1,\"transferid\":\"" + TID
                        + "\",\"chunksize\":4096,\"files\":[{\"path\":\"a\",\"size\":1,\"sha256\":\"XYZ\"}]}",
                "{\"version\":1,\"transferid\":\"" + TID
                        + "\",\"chunksize\":4096,\"files\":[{\"path\":\"a\",\"size\":1,\"sha256\":\"" + HASH
                        + "\",\"size\":2}]}",
                "{\"version\":1,\"transferid\":\"" + TID
                        + "\",\"chunksize\":4096,\"files\":[{\"path\":\"a\",\"size\":99999999999999999999999,\"sha256\":\""
                        + HASH + "\"}]}",
            })
    void refusesMalformedManifests(String json) {
        assertThatThrownBy(() -> codec.read(json))
                .isInstanceOf(ManifestException.class)
                .extracting(e -> ((ManifestException) e).code())
                .isIn("bad-manifest", "manifest-limit");
    }

    @Test
    void refusesHostilePathsInFilesAndFolders() {
        for (String hostile : new String[] {"../evil", "/etc/passwd", "C:\\x", "a\u202Etxt.exe", "CON", "x\u001b[2J"}) {
            Manifest asFile = new Manifest(1, TID, 4096, List.of(), List.of(new ManifestFile(hostile, 1, HASH, 0)));
            Manifest asFolder = new Manifest(1, TID, 4096, List.of(hostile), List.of());
            for (Manifest m : new Manifest[] {asFile, asFolder}) {
                assertThatThrownBy(() -> ManifestValidator.validate(m, ManifestLimits.DEFAULT))
                        .extracting(e -> ((ManifestException) e).code())
                        .isEqualTo("unsafe-path");
            }
        }
    }

    @Test
    void refusesCollidingEntries() {
        List<List<ManifestFile>> cases = List.of(
                List.of(new ManifestFile("a.txt", 1, HASH, 0), new ManifestFile("a.txt", 1, HASH, 0)),
                List.of(new ManifestFile("A.txt", 1, HASH, 0), new ManifestFile("a.TXT", 1, HASH, 0)),
                List.of(new ManifestFile("a", 1, HASH, 0), new ManifestFile("a/b", 1, HASH, 0)),
                List.of(new ManifestFile("caf\u00e9.txt", 1, HASH, 0), new ManifestFile("cafe\u0301.txt", 1, HASH, 0)));
        for (List<ManifestFile> files : cases) {
            assertThatThrownBy(() -> ManifestValidator.validate(
                            new Manifest(1, TID, 4096, List.of(), files), ManifestLimits.DEFAULT))
                    .extracting(e -> ((ManifestException) e).code())
                    .isEqualTo("bad-manifest");
        }
        Manifest fileAndFolder = new Manifest(1, TID, 4096, List.of("a"), List.of(new ManifestFile("a", 1, HASH, 0)));
        assertThatThrownBy(() -> ManifestValidator.validate(fileAndFolder, ManifestLimits.DEFAULT))
                .isInstanceOf(ManifestException.class);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "σ.txt, ς.txt",
        "Σ.txt, ς.txt",
        "ſ.txt, S.txt",
        "ı.txt, I.txt",
        "ı.txt, i.txt",
        "K.txt, k.txt",
        "straße.txt, STRASSE.txt",
        "ſub/a.txt, SUB/A.txt"
    })
    void namesThatCaseFoldTogetherCollide(String one, String other) {
        Manifest m = new Manifest(
                1,
                TID,
                4096,
                List.of(),
                List.of(new ManifestFile(one, 1, HASH, 0), new ManifestFile(other, 1, HASH, 0)));
        assertThatThrownBy(() -> ManifestValidator.validate(m, ManifestLimits.DEFAULT))
                .extracting(e -> ((ManifestException) e).code())
                .isEqualTo("bad-manifest");
    }

    @Test
    void enforcesLimits() {
        ManifestLimits small = new ManifestLimits(2, 1, 1000);
        List<ManifestFile> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(new ManifestFile("f" + i, 1, HASH, 0));
        }
        assertThatThrownBy(() -> ManifestValidator.validate(new Manifest(1, TID, 4096, List.of(), three), small))
                .extracting(e -> ((ManifestException) e).code())
                .isEqualTo("manifest-limit");
        assertThatThrownBy(() ->
                        ManifestValidator.validate(new Manifest(1, TID, 4096, List.of("a", "b"), List.of()), small))
                .extracting(e -> ((ManifestException) e).code())
                .isEqualTo("manifest-limit");
        assertThatThrownBy(() -> ManifestValidator.validate(
                        new Manifest(1, TID, 4096, List.of(), List.of(new ManifestFile("big", 1001, HASH, 0))), small))
                .extracting(e -> ((ManifestException) e).code())
                .isEqualTo("manifest-limit");
        List<ManifestFile> overflow =
                List.of(new ManifestFile("a", Long.MAX_VALUE, HASH, 0), new ManifestFile("b", Long.MAX_VALUE, HASH, 0));
        assertThatThrownBy(() -> ManifestValidator.validate(
                        new Manifest(1, TID, 4096, List.of(), overflow), new ManifestLimits(10, 10, Long.MAX_VALUE)))
                .extracting(e -> ((ManifestException) e).code())
                .isEqualTo("manifest-limit");
    }

    @Test
    void senderCannotWriteAnInvalidManifest() {
        Manifest bad = new Manifest(1, TID, 4096, List.of(), List.of(new ManifestFile("../x", 1, HASH, 0)));
        assertThatThrownBy(() -> codec.write(bad)).isInstanceOf(ManifestException.class);
    }
}
