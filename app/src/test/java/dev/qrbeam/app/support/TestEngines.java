package dev.qrbeam.app.support;

/** The engines the end-to-end UI tests run against. */
public final class TestEngines {
    private TestEngines() {
    }

    public static Engines create() {
        return new FakeEngines();
    }
}
