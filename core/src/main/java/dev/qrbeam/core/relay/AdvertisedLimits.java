package dev.qrbeam.core.relay;

/**
 * The limits a relay advertises in its {@code Connect} reply (wire contract §3). When a relay sends none
 * (the seed's relay, AWS), the conservative AWS values apply: text only, 32 KB frames, 128 KB messages.
 *
 * @param maxTextBytes  largest text message the relay accepts
 * @param maxBinaryBytes largest binary message the relay accepts
 * @param binary whether binary Transfer frames are accepted
 * @param maxFrameBytes largest single WebSocket frame
 */
public record AdvertisedLimits(int maxTextBytes, int maxBinaryBytes, boolean binary, int maxFrameBytes) {
    /** What API Gateway allows; used when the relay says nothing. */
    public static final AdvertisedLimits AWS_LIKE = new AdvertisedLimits(128 * 1024, 0, false, 32 * 1024);
}
