package dev.qrbeam.app.support;

import dev.qrbeam.app.engine.EngineFactory;

/**
 * How a test gets engines for its windows, and a way to hold a transfer mid-way for cancel tests
 * (a paced fake, or throttled real transfers).
 */
public interface Engines extends AutoCloseable {
    EngineFactory factory();

    /** Makes the next transfers stop after a little data until {@link #release()}. */
    void hold();

    void release();

    @Override
    void close();
}
