package dev.qrbeam.app.support;

import dev.qrbeam.app.engine.EngineFactory;
import dev.qrbeam.app.fake.FakeEngine;
import dev.qrbeam.app.fake.FakeRelay;

/** Pure-UI tests: the in-memory fake engine. */
public final class FakeEngines implements Engines {
    private final FakeRelay relay = new FakeRelay();

    @Override
    public EngineFactory factory() {
        return s -> new FakeEngine(relay);
    }

    @Override
    public void hold() {
        relay.pace();
        relay.allowChunks(3);
    }

    @Override
    public void release() {
        relay.unpace();
    }

    @Override
    public void close() {
        relay.unpace();
    }
}
