package dev.qrbeam.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qrbeam.relay.core.DirectDownloads;
import dev.qrbeam.relay.testing.TestRelays;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Download directly": native HTTP downloads of offered files from the built-in relay. */
class DirectDownloadTest {
    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void rangesResumeAndTheTokenIsUsedUpByTheLastByte() throws Exception {
        byte[] data = new byte[700_001];
        new Random(1).nextBytes(data);
        Path f = Files.write(tmp.resolve("film.mp4"), data);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        CountDownLatch completed = new CountDownLatch(1);
        AtomicLong progress = new AtomicLong();
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, TestRelays.limits())) {
            String path = relay.downloads()
                    .offer(new DirectDownloads.Offer(
                            f,
                            data.length,
                            Files.getLastModifiedTime(f).toMillis(),
                            "film ü.mp4",
                            sha,
                            progress::set,
                            completed::countDown));
            URI uri = URI.create("http://127.0.0.1:" + relay.address().getPort() + path);

            HttpResponse<byte[]> head = get(uri, "Range", "bytes=0-99999");
            assertThat(head.statusCode()).isEqualTo(206);
            assertThat(head.headers().firstValue("content-range")).hasValue("bytes 0-99999/700001");
            assertThat(head.headers().firstValue("etag")).hasValue("\"" + sha + "\"");
            assertThat(head.headers().firstValue("accept-ranges")).hasValue("bytes");
            assertThat(head.headers().firstValue("content-disposition"))
                    .hasValue("attachment; filename*=UTF-8''film%20%C3%BC.mp4");
            assertThat(head.body()).isEqualTo(Arrays.copyOf(data, 100_000));
            assertThat(completed.getCount()).isEqualTo(1);

            assertThat(get(uri, "If-Match", "\"other\"").statusCode()).isEqualTo(412);
            assertThat(get(uri, "Range", "bytes=800000-").statusCode()).isEqualTo(416);

            HttpResponse<byte[]> rest = get(uri, "Range", "bytes=100000-", "If-Match", "\"" + sha + "\"");
            assertThat(rest.statusCode()).isEqualTo(206);
            assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(data, 100_000, data.length));
            assertThat(completed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(progress.get()).isEqualTo(data.length);
            assertThat(get(uri).statusCode()).isEqualTo(404); // used up
        }
    }

    @Test
    void aWholeDownloadHasContentLengthAndAChangedFileIsRefused() throws Exception {
        byte[] data = "hello phone".getBytes();
        Path f = Files.write(tmp.resolve("a.txt"), data);
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, TestRelays.limits())) {
            DirectDownloads.Offer offer = new DirectDownloads.Offer(
                    f, data.length, Files.getLastModifiedTime(f).toMillis(), "a.txt", "00", n -> {}, () -> {});
            String base = "http://127.0.0.1:" + relay.address().getPort();
            String changed = relay.downloads().offer(offer);
            String whole = relay.downloads().offer(offer);
            HttpResponse<byte[]> r = get(URI.create(base + whole));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-length")).hasValue(String.valueOf(data.length));
            assertThat(r.body()).isEqualTo(data);
            Files.setLastModifiedTime(
                    f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() - 60_000));
            assertThat(get(URI.create(base + changed)).statusCode()).isEqualTo(409);
            assertThat(get(URI.create(base + "/d/guessed-token")).statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<byte[]> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
