package dev.qrbeam.app.scan;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamDriver;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** A webcam-capture driver listing synthetic devices; discovery can be made to hang like a stuck native driver. */
final class SyntheticWebcamDriver implements WebcamDriver {
    private final List<WebcamDevice> devices;
    private final CountDownLatch discoveryGate;

    private SyntheticWebcamDriver(List<WebcamDevice> devices, CountDownLatch discoveryGate) {
        this.devices = devices;
        this.discoveryGate = discoveryGate;
    }

    static SyntheticWebcamDriver of(WebcamDevice... devices) {
        return new SyntheticWebcamDriver(List.of(devices), new CountDownLatch(0));
    }

    /** A driver whose discovery blocks until {@code gate} opens. */
    static SyntheticWebcamDriver hangingUntil(CountDownLatch gate) {
        return new SyntheticWebcamDriver(List.of(), gate);
    }

    @Override
    public List<WebcamDevice> getDevices() {
        try {
            discoveryGate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return devices;
    }

    @Override
    public boolean isThreadSafe() {
        return false;
    }
}
