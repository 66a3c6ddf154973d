package dev.qrbeam.relay.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qrbeam.protocol.json.WireJson;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The transport-agnostic core with in-memory fake sessions (what a new transport adapter must provide). */
class RelayCoreTest {
    private final WireJson json = new WireJson();
    private final AtomicLong clock = new AtomicLong();
    private final RelayCounters counters = new RelayCounters();
    private final RelayCore core = new RelayCore(
            RelayLimits.defaults(),
            new InMemoryConnectionRegistry(),
            ResumeTokens.random(),
            new ConnectionIds(),
            new TokenBucketRateLimiter(1, 2, 1000, clock::get),
            new TokenBucketRateLimiter(100, 100, 1000, clock::get),
            json,
            counters);

    static final class FakeSession implements Session {
        final List<String> texts = new ArrayList<>();
        String id;
        int closeCode;

        @Override
        public String id() {
            return id;
        }

        @Override
        public void assignId(String id) {
            this.id = id;
        }

        @Override
        public String remoteAddress() {
            return "fake";
        }

        @Override
        public void sendText(String text) {
            texts.add(text);
        }

        @Override
        public void sendBinary(BinaryMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }

        JsonNode last(WireJson json) {
            return json.readTree(texts.get(texts.size() - 1));
        }
    }

    private FakeSession connected() {
        FakeSession s = new FakeSession();
        core.onConnect(s);
        return s;
    }

    @Test
    void routesWithTheSenderStampedAndEverythingElseUntouched() {
        FakeSession a = connected();
        FakeSession b = connected();
        Session target = core.onText(
                b, "{action:\"Request\",message:{connectionid:\"" + a.id + "\",qrhash:\"q\",message:\"\",x:[1.0]}}");
        assertThat(target).isSameAs(a);
        assertThat(a.texts)
                .containsExactly("{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + b.id
                        + "\",\"qrhash\":\"q\",\"message\":\"\",\"x\":[1.0]}}");
        assertThat(b.texts).isEmpty();
    }

    @Test
    void requestRateIsLimitedPerSourceAndRefills() {
        FakeSession a = connected();
        FakeSession b = connected();
        String req = "{\"action\":\"Request\",\"message\":{\"connectionid\":\"" + a.id + "\",\"qrhash\":\"q\"}}";
        assertThat(core.onText(b, req)).isSameAs(a);
        assertThat(core.onText(b, req)).isSameAs(a);
        assertThat(core.onText(b, req)).isNull();
        assertThat(b.last(json).get("message").get("code").asText()).isEqualTo("rate-limited");
        clock.addAndGet(1_000_000_000L);
        assertThat(core.onText(b, req)).isSameAs(a);
        assertThat(counters.snapshot().errors("rate-limited")).isEqualTo(1);
    }

    @Test
    void resumeRebindsTheIdAndClosesTheStaleSession() {
        FakeSession a = connected();
        core.onText(a, "{\"action\":\"Connect\"}");
        String token = a.last(json).get("message").get("resumetoken").asText();
        FakeSession again = connected();
        String temporary = again.id;
        core.onText(
                again,
                "{\"action\":\"Connect\",\"message\":{\"connectionid\":\"" + a.id + "\",\"resumetoken\":\"" + token
                        + "\"}}");
        assertThat(again.id).isEqualTo(a.id);
        assertThat(a.closeCode).isEqualTo(CloseCodes.RESUMED_ELSEWHERE);
        core.onClose(a); // the stale session's close must not unbind the resumed id
        FakeSession b = connected();
        assertThat(core.onText(b, "{\"action\":\"Control\",\"message\":{\"connectionid\":\"" + a.id + "\"}}"))
                .isSameAs(again);
        core.onText(b, "{\"action\":\"Control\",\"message\":{\"connectionid\":\"" + temporary + "\"}}");
        assertThat(b.last(json).get("message").get("code").asText()).isEqualTo("peer-gone");
    }
}
