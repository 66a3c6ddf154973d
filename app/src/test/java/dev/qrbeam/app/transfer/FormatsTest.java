package dev.qrbeam.app.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormatsTest {
    @Test
    void bytesUseSiUnits() {
        assertThat(Formats.bytes(0)).isEqualTo("0 B");
        assertThat(Formats.bytes(999)).isEqualTo("999 B");
        assertThat(Formats.bytes(1_000)).isEqualTo("1.0 kB");
        assertThat(Formats.bytes(90_000_000)).isEqualTo("90.0 MB");
        assertThat(Formats.bytes(320_000_000)).isEqualTo("320 MB");
        assertThat(Formats.bytes(999_960)).isEqualTo("1.0 MB");
        assertThat(Formats.bytes(1L << 40)).isEqualTo("1.1 TB");
    }

    @Test
    void durationsAndCountdown() {
        assertThat(Formats.duration(Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(Formats.duration(Duration.ofSeconds(185))).isEqualTo("3 min 05 s");
        assertThat(Formats.duration(Duration.ofSeconds(3720))).isEqualTo("1 h 02 min");
        assertThat(Formats.clock(Duration.ofSeconds(599))).isEqualTo("9:59");
        assertThat(Formats.clock(Duration.ofSeconds(-5))).isEqualTo("0:00");
        assertThat(Formats.rate(42_000_000)).isEqualTo("42.0 MB/s");
    }
}
