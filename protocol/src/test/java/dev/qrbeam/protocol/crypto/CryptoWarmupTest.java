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

    /**
     * The old warm-up (1,200 large records) spent its budget on the slow interpreted path; this one must reach the
     * compiled GCM path (probes at compiled speed) within its CPU cap, which is CPU time, so machine load does not
     * matter. (Other tests in this JVM may already have warmed the JIT: then it stops after the first batches.)
     */
    @Test
    @Timeout(60)
    void warmupReachesCompiledGcmWithinItsCpuBudget() {
        CryptoWarmup.Result r = CryptoWarmup.run();
        assertThat(r.fast()).as("reached the compiled path: %s", r).isTrue();
        assertThat(r.cpuNanos()).isLessThan(CryptoWarmup.MAX_CPU_MS * 1_000_000);
    }
}
