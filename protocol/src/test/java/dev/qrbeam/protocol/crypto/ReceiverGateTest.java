package dev.qrbeam.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceiverGateTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void admitsExactlyOneReceiver() {
        ReceiverGate gate = new ReceiverGate(T0, ReceiverGate.DEFAULT_TTL);
        byte[] first = ReceiverGate.newToken(RANDOM);
        byte[] second = ReceiverGate.newToken(RANDOM);
        assertThat(gate.admit(first, T0.plusSeconds(5))).isEqualTo(Admission.ACCEPTED);
        assertThat(gate.admit(second, T0.plusSeconds(6))).isEqualTo(Admission.ALREADY_PAIRED);
        assertThat(gate.admit(first, T0.plusSeconds(7))).isEqualTo(Admission.RESUMED);
        assertThat(gate.pairedToken()).hasValueSatisfying(t -> assertThat(t).isEqualTo(first));
    }

    @Test
    void codeExpiresAfterTenMinutesUnlessPaired() {
        ReceiverGate gate = new ReceiverGate(T0, ReceiverGate.DEFAULT_TTL);
        byte[] token = ReceiverGate.newToken(RANDOM);
        assertThat(gate.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(gate.admit(token, T0.plus(Duration.ofMinutes(10)))).isEqualTo(Admission.EXPIRED);
        assertThat(gate.admit(token, T0.plus(Duration.ofMinutes(9)))).isEqualTo(Admission.ACCEPTED);
    }

    @Test
    void pairedReceiverResumesAfterExpiryAndSenderRestart() {
        byte[] token = ReceiverGate.newToken(RANDOM);
        ReceiverGate gate = new ReceiverGate(T0, ReceiverGate.DEFAULT_TTL);
        gate.admit(token, T0);
        ReceiverGate restored = ReceiverGate.restore(
                gate.createdAt(), gate.ttl(), gate.pairedToken().orElseThrow());
        assertThat(restored.admit(token, T0.plus(Duration.ofHours(3)))).isEqualTo(Admission.RESUMED);
        assertThat(restored.admit(ReceiverGate.newToken(RANDOM), T0.plusSeconds(1)))
                .isEqualTo(Admission.ALREADY_PAIRED);
        assertThat(Admission.RESUMED.admitted()).isTrue();
        assertThat(Admission.EXPIRED.admitted()).isFalse();
    }

    @Test
    void refusesBadTokensAndTtl() {
        ReceiverGate gate = new ReceiverGate(T0, Duration.ofMinutes(1));
        assertThatThrownBy(() -> gate.admit(new byte[3], T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReceiverGate(T0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ReceiverGate.restore(T0, Duration.ofMinutes(1), null).pairedToken())
                .isEmpty();
    }
}
