package dev.qrbeam.relay.core;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token bucket per key: {@code burst} tokens, refilled at {@code perSecond}. Memory is bounded: once more than
 * {@code maxKeys} buckets exist, buckets that have refilled completely (idle keys) are dropped.
 */
public final class TokenBucketRateLimiter implements RateLimiter {
    private final double perNano;
    private final double burst;
    private final int maxKeys;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBucketRateLimiter(double perSecond, int burst, int maxKeys, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("perSecond must be > 0 and burst >= 1");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.maxKeys = maxKeys;
        this.nanoClock = nanoClock;
    }

    public TokenBucketRateLimiter(double perSecond, int burst) {
        this(perSecond, burst, 100_000, System::nanoTime);
    }

    @Override
    public boolean tryAcquire(String key) {
        long now = nanoClock.getAsLong();
        if (buckets.size() > maxKeys) {
            buckets.values().removeIf(b -> b.fullAt(now));
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        return b.take(now);
    }

    private final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized boolean take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized boolean fullAt(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - last) * perNano);
            last = now;
        }
    }
}
