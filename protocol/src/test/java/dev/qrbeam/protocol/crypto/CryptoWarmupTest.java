package dev.qrbeam.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CryptoWarmupTest {
    @Test
    @Timeout(60)
    void backgroundWarmupIsADaemonThatFinishes() throws InterruptedException {
        Thread t = CryptoWarmup.startInBackground();
        assertThat(t.isDaemon()).isTrue();
        assertThat(t.getName()).isEqualTo("qrbeam-crypto-warmup");
        t.join();
        assertThat(t.isAlive()).isFalse();
    }
}
