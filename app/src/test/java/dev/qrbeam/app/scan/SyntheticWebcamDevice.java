package dev.qrbeam.app.scan;

import com.github.sarxos.webcam.WebcamDevice;
import com.github.sarxos.webcam.WebcamException;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A webcam-capture device without hardware: {@link #getImage} returns frames from a script (frame number →
 * image, {@code null} for "no picture yet"); open can fail or hang like real drivers do. Counts frames served and
 * records whether it is open, so tests can assert the camera was released.
 */
final class SyntheticWebcamDevice implements WebcamDevice {
    /** How {@link #open} behaves. */
    enum OpenBehaviour {
        OK,
        BUSY,
        DENIED,
        HANG
    }

    private final String name;
    private final Dimension size;
    private final IntFunction<BufferedImage> script;
    private final OpenBehaviour behaviour;
    private final CountDownLatch hang = new CountDownLatch(1);
    private final AtomicInteger served = new AtomicInteger();
    private final AtomicInteger opens = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile CountDownLatch framesWanted = new CountDownLatch(0);
    private volatile boolean open;

    SyntheticWebcamDevice(String name, Dimension size, OpenBehaviour behaviour, IntFunction<BufferedImage> script) {
        this.name = name;
        this.size = size;
        this.behaviour = behaviour;
        this.script = script;
    }

    /** A device showing the same frame forever. */
    static SyntheticWebcamDevice showing(String name, BufferedImage frame) {
        return new SyntheticWebcamDevice(
                name, new Dimension(frame.getWidth(), frame.getHeight()), OpenBehaviour.OK, n -> frame);
    }

    /** A latch released once {@code count} more frames were served. */
    CountDownLatch awaitFrames(int count) {
        CountDownLatch latch = new CountDownLatch(count);
        framesWanted = latch;
        return latch;
    }

    void releaseHang() {
        hang.countDown();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Dimension[] getResolutions() {
        return List.of(new Dimension(640, 480), size).toArray(new Dimension[0]);
    }

    @Override
    public Dimension getResolution() {
        return size;
    }

    @Override
    public void setResolution(Dimension resolution) {
        // the script decides the frame size
    }

    @Override
    public BufferedImage getImage() {
        if (!open) {
            return null;
        }
        BufferedImage frame = script.apply(served.getAndIncrement());
        framesWanted.countDown();
        return frame;
    }

    @Override
    public void open() {
        opens.incrementAndGet();
        switch (behaviour) {
            case BUSY -> throw new WebcamException("Device or resource busy: " + name);
            case DENIED -> throw new WebcamException("Camera access denied by the operating system");
            case HANG -> {
                try {
                    hang.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            default -> {}
        }
        open = true;
    }

    @Override
    public void close() {
        open = false;
        closes.incrementAndGet();
        closed.countDown();
    }

    @Override
    public void dispose() {
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Released at the first {@link #close}. */
    CountDownLatch closedLatch() {
        return closed;
    }

    int framesServed() {
        return served.get();
    }

    int opens() {
        return opens.get();
    }

    int closes() {
        return closes.get();
    }
}
