package dev.qrbeam.core.phone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium (through Debian's chromedriver, no browser download) emulating a phone: 390x844
 * viewport, touch, an Android Chrome user agent, downloads allowed into {@link #downloads()}. Closing quits the
 * browser. Outside CI a machine without chromium skips the test with a message; in CI ({@code CI=true}) it fails.
 */
final class PhoneBrowser implements AutoCloseable {
    static final String ANDROID_UA = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/156.0.0.0 Mobile Safari/537.36";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path downloads;

    static final String IPHONE_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    PhoneBrowser(Path workDir) throws IOException {
        this(workDir, ANDROID_UA);
    }

    PhoneBrowser(Path workDir, String userAgent) throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        }
        downloads = Files.createDirectories(workDir.resolve("downloads"));
        Path profile = Files.createDirectories(workDir.resolve("profile"));
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        o.setExperimentalOption(
                "mobileEmulation",
                Map.of(
                        "deviceMetrics",
                        Map.of("width", 390, "height", 844, "pixelRatio", 2.0, "touch", true),
                        "userAgent",
                        userAgent));
        o.setExperimentalOption(
                "prefs",
                Map.of(
                        "download.default_directory",
                        downloads.toString(),
                        "download.prompt_for_download",
                        false,
                        "profile.default_content_setting_values.automatic_downloads",
                        1));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, o);
        driver.executeCdpCommand(
                "Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString(), "eventsEnabled", false));
    }

    Path downloads() {
        return downloads;
    }

    void open(String url) {
        driver.get(url);
    }

    String state() {
        return driver.findElement(By.tagName("body")).getAttribute("data-state");
    }

    String attribute(String name) {
        return driver.findElement(By.tagName("body")).getAttribute(name);
    }

    String status() {
        return driver.findElement(By.id("status")).getText();
    }

    String address() {
        return driver.getCurrentUrl();
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void click(String css) {
        driver.findElement(By.cssSelector(css)).click();
    }

    /** Waits until the page's state is one of {@code states}; returns it. */
    String awaitState(Duration timeout, String... states) throws InterruptedException {
        String[] seen = new String[1];
        await(
                timeout,
                () -> {
                    seen[0] = state();
                    return Stream.of(states).anyMatch(s -> s.equals(seen[0]));
                },
                () -> "page state " + seen[0] + ", status: " + status());
        return seen[0];
    }

    /** Waits until {@code name} is in the download directory and complete. */
    Path awaitDownload(String name, Duration timeout) throws InterruptedException {
        Path p = downloads.resolve(name);
        await(
                timeout,
                () -> Files.exists(p) && !Files.exists(downloads.resolve(name + ".crdownload")),
                () -> "download of " + name + "; page: " + state() + " / " + status());
        return p;
    }

    /** Chooses {@code files} in the page's file input, as a person would in the picker. */
    void pick(Path... files) {
        driver.findElement(By.cssSelector("input[type=file]"))
                .sendKeys(String.join(
                        "\n",
                        Stream.of(files).map(p -> p.toAbsolutePath().toString()).toList()));
    }

    /** Reloads the page (same tab: its sessionStorage and history entry stay). */
    void reload() {
        driver.navigate().refresh();
    }

    void darkMode(boolean dark) {
        driver.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    void screenshot(Path png) throws IOException {
        Files.createDirectories(png.getParent());
        Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
    }

    Object script(String js) {
        return driver.executeScript(js);
    }

    static void await(Duration timeout, BooleanSupplier ok, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
