package dev.qrbeam.app.scan;

import dev.qrbeam.app.qr.FrameConverter;
import dev.qrbeam.app.qr.QrDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (a main, not a test): per-frame decode time of the full cascade (luminance conversion included) at
 * 640×480 and 1280×720 for a frame with a code and for a frame without one (the worst case: every step runs), the
 * mirrored preview conversion, and the capture loop's frame rate through the real session with a synthetic camera.
 *
 * <pre>
 * mvn -q -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp app/target/test-classes:app/target/classes:$(cat /tmp/cp.txt) dev.qrbeam.app.scan.ScanBenchmark [--decode-only]
 * </pre>
 */
public final class ScanBenchmark {
    private static final int WARMUP = 150;
    private static final int RUNS = 300;

    private ScanBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.out.println("load before: " + uptime());
        System.out.printf(
                Locale.ROOT, "%-11s %-22s %9s %9s %9s%n", "frame", "content", "median ms", "p95 ms", "max fps");
        for (int[] size : new int[][] {{640, 480}, {1280, 720}}) {
            int w = size[0];
            int h = size[1];
            for (FrameCase c : List.of(
                    FrameCase.PLAIN,
                    FrameCase.ROTATED_25,
                    FrameCase.SMALL_IN_FRAME,
                    FrameCase.INVERTED_DARK_MODE,
                    FrameCase.LOW_CONTRAST,
                    FrameCase.NO_CODE)) {
                BufferedImage frame = c.render(w, h, TestCodes.pairingCode(1), 1);
                report(w + "x" + h, c.name(), decodeTimes(frame));
            }
            BufferedImage frame = FrameCase.PLAIN.render(w, h, TestCodes.pairingCode(1), 1);
            report(w + "x" + h, "preview (mirror+ARGB)", previewTimes(frame));
        }
        if (!List.of(args).contains("--decode-only")) {
            successRates();
            captureRate();
            fxPreviewRate();
        }
        System.out.println("load after: " + uptime());
    }

    /** Share of frames read, over 50 different random pairing codes per situation (one frame each). */
    private static void successRates() {
        QrDecoder decoder = new QrDecoder();
        int codes = 50;
        System.out.printf(
                Locale.ROOT,
                "%nread rate over %d random codes, one frame each:%n%-20s %9s %9s%n",
                codes,
                "situation",
                "640x480",
                "1280x720");
        for (FrameCase c : FrameCase.values()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-20s", c.name()));
            for (int[] size : new int[][] {{640, 480}, {1280, 720}}) {
                int read = 0;
                for (int i = 0; i < codes; i++) {
                    String code = TestCodes.pairingCode(10_000 + i);
                    BufferedImage frame = c.render(size[0], size[1], code, i);
                    byte[] luma = new byte[size[0] * size[1]];
                    FrameConverter.toLuma(frame, luma);
                    if (decoder.decode(luma, size[0], size[1])
                            .filter(d -> d.text().equals(code))
                            .isPresent()) {
                        read++;
                    }
                }
                line.append(String.format(Locale.ROOT, " %8d%%", 100 * read / codes));
            }
            System.out.println(line + (c.decodes ? "" : "   (must stay 0%)"));
        }
        int single = 0;
        int cascade = 0;
        QrDecoder fresh = new QrDecoder();
        for (int i = 0; i < 1000; i++) {
            String code = TestCodes.pairingCode(20_000 + i);
            BufferedImage symbol = SceneBuilder.qr(code, 6 * 57, 0, 255);
            byte[] luma = new byte[symbol.getWidth() * symbol.getHeight()];
            FrameConverter.toLuma(symbol, luma);
            try {
                com.google.zxing.LuminanceSource src = new com.google.zxing.PlanarYUVLuminanceSource(
                        luma,
                        symbol.getWidth(),
                        symbol.getHeight(),
                        0,
                        0,
                        symbol.getWidth(),
                        symbol.getHeight(),
                        false);
                if (new com.google.zxing.qrcode.QRCodeReader()
                        .decode(new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(src)))
                        .getText()
                        .equals(code)) {
                    single++;
                }
            } catch (com.google.zxing.ReaderException e) {
                // counted as unreadable
            }
            if (fresh.decode(luma, symbol.getWidth(), symbol.getHeight())
                    .filter(d -> d.text().equals(code))
                    .isPresent()) {
                cascade++;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "perfect symbols (ZXing level M, default mask) read back: plain QRCodeReader %d/1000,"
                        + " QrDecoder cascade %d/1000%n%n",
                single,
                cascade);
    }

    private static double[] decodeTimes(BufferedImage frame) {
        QrDecoder decoder = new QrDecoder();
        byte[] luma = new byte[frame.getWidth() * frame.getHeight()];
        double[] ms = new double[RUNS];
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long t = System.nanoTime();
            FrameConverter.toLuma(frame, luma);
            decoder.decode(luma, frame.getWidth(), frame.getHeight());
            if (i >= WARMUP) {
                ms[i - WARMUP] = (System.nanoTime() - t) / 1e6;
            }
        }
        return ms;
    }

    private static double[] previewTimes(BufferedImage frame) {
        int[] argb = new int[frame.getWidth() * frame.getHeight()];
        double[] ms = new double[RUNS];
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long t = System.nanoTime();
            FrameConverter.toArgb(frame, argb, true);
            if (i >= WARMUP) {
                ms[i - WARMUP] = (System.nanoTime() - t) / 1e6;
            }
        }
        return ms;
    }

    /** 6 s of the real session at 1280×720 without a code: frames through capture + preview conversion per second. */
    private static void captureRate() throws Exception {
        BufferedImage frame = FrameCase.NO_CODE.render(1280, 720, null, 1);
        SyntheticWebcamDevice camera = SyntheticWebcamDevice.showing(ScanFixture.cameraName("bench"), frame);
        AtomicLong previews = new AtomicLong();
        int[] argb = new int[1280 * 720];
        PreviewSink sink = f -> {
            FrameConverter.toArgb(f, argb, true);
            previews.incrementAndGet();
        };
        try (Cameras scanner = ScanFixture.scanner(SyntheticWebcamDriver.of(camera))) {
            String name = scanner.listCameras().get(10, TimeUnit.SECONDS).get(0);
            RecordingListener listener = new RecordingListener();
            ScanSession session = scanner.start(name, listener, sink);
            listener.await(ScanState.SCANNING);
            Thread.sleep(1000); // benchmark warm-up, not a test
            long p0 = previews.get();
            long t0 = System.nanoTime();
            Thread.sleep(5000);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double fps = (previews.get() - p0) / seconds;
            session.stop();
            session.awaitReleased(5, TimeUnit.SECONDS);
            System.out.printf(
                    Locale.ROOT,
                    "capture loop 1280x720 (no code, decoding throttled alongside): %.1f preview fps%n",
                    fps);
        }
    }

    /**
     * The same session feeding a real {@link ScanView} (JavaFX on Monocle headless with the software renderer):
     * frames that reached the on-screen image per second.
     */
    private static void fxPreviewRate() throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        javafx.application.Platform.startup(started::countDown);
        started.await();
        BufferedImage frame = FrameCase.NO_CODE.render(1280, 720, null, 2);
        SyntheticWebcamDevice camera = SyntheticWebcamDevice.showing(ScanFixture.cameraName("fx-bench"), frame);
        try (Cameras scanner = ScanFixture.scanner(SyntheticWebcamDriver.of(camera))) {
            java.util.concurrent.CompletableFuture<ScanView> shown = new java.util.concurrent.CompletableFuture<>();
            javafx.application.Platform.runLater(() -> {
                ScanView view = new ScanView(scanner);
                javafx.stage.Stage stage = new javafx.stage.Stage();
                stage.setScene(new javafx.scene.Scene(view, 800, 450));
                stage.show();
                view.start();
                shown.complete(view);
            });
            ScanView view = shown.get(10, TimeUnit.SECONDS);
            Thread.sleep(2000); // benchmark warm-up, not a test
            long f0 = view.preview().framesShown();
            long t0 = System.nanoTime();
            Thread.sleep(5000);
            double fps = (view.preview().framesShown() - f0) / ((System.nanoTime() - t0) / 1e9);
            javafx.application.Platform.runLater(view::stop);
            System.out.printf(
                    Locale.ROOT,
                    "JavaFX ScanView 1280x720 -> 800x450 window (Monocle, sw pipeline): %.1f frames shown/s%n",
                    fps);
        }
        javafx.application.Platform.exit();
    }

    private static void report(String frame, String content, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double p95 = sorted[(int) Math.ceil(sorted.length * 0.95) - 1];
        System.out.printf(Locale.ROOT, "%-11s %-22s %9.2f %9.2f %9.0f%n", frame, content, median, p95, 1000 / median);
    }

    private static String uptime() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return out;
    }
}
