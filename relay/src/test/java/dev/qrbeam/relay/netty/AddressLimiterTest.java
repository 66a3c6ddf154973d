package dev.qrbeam.relay.netty;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Issue 11 finding 5: one IPv6 host owns a whole /64 and could take 64 connections from each of its addresses. */
class AddressLimiterTest {

    @Test
    void ipv6ClientsCountPerSlash64() throws Exception {
        AddressLimiter limiter = new AddressLimiter(2, false);
        assertThat(limiter.tryAcquire(InetAddress.getByName("2001:db8:1:2::1"))).isTrue();
        assertThat(limiter.tryAcquire(InetAddress.getByName("2001:db8:1:2:ffff::9")))
                .isTrue();
        assertThat(limiter.tryAcquire(InetAddress.getByName("2001:db8:1:2:abcd:1:2:3")))
                .as("a third address in the same /64")
                .isFalse();
        assertThat(limiter.tryAcquire(InetAddress.getByName("2001:db8:1:3::1")))
                .as("another /64")
                .isTrue();
        limiter.release(InetAddress.getByName("2001:db8:1:2::1"));
        assertThat(limiter.tryAcquire(InetAddress.getByName("2001:db8:1:2::77")))
                .isTrue();
        assertThat(limiter.tryAcquire(InetAddress.getByName("10.0.0.1"))).isTrue();
        assertThat(limiter.tryAcquire(InetAddress.getByName("10.0.0.2")))
                .as("IPv4 counts per address")
                .isTrue();
    }
}
