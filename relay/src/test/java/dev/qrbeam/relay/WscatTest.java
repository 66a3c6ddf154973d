package dev.qrbeam.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qrbeam.relay.testing.TestRelays;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The seed's own client, wscat from npm (installed by .ci/setup-relay.sh), talks to the relay. */
@Timeout(60)
class WscatTest {

    private static String wscat() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, "wscat");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    /** Runs wscat with the given -x commands; stdin stays open (wscat quits on stdin EOF) until it exits. */
    private static List<String> run(String url, String... commands) throws Exception {
        String wscat = wscat();
        assumeTrue(
                wscat != null,
                "wscat is not installed here (CI installs it: .ci/setup-relay.sh, npm install -g wscat)");
        List<String> cmd = new ArrayList<>(List.of(wscat, "--no-color", "-c", url));
        for (String c : commands) {
            cmd.add("-x");
            cmd.add(c);
        }
        cmd.add("-w");
        cmd.add("1");
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            List<String> lines = new ArrayList<>();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!line.isBlank()) {
                        lines.add(line.trim());
                    }
                }
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return lines;
        } finally {
            p.getOutputStream().close();
            p.destroyForcibly();
        }
    }

    @Test
    void wscatConnectGetsAnId() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (RelayHandle relay = Relay.start("127.0.0.1", 0, TestRelays.limits())) {
            String url = "ws://127.0.0.1:" + relay.address().getPort();
            List<String> out = run(url, "{\"action\":\"Connect\"}");
            assertThat(out).hasSize(1);
            JsonNode reply = json.readTree(out.get(0));
            assertThat(reply.get("action").asText()).isEqualTo("Connect");
            assertThat(reply.get("message").get("connectionid").asText()).matches("[A-Za-z0-9_-]{22}");

            // the seed README's exact command text, unquoted keys included
            List<String> seed = run(url, "{ action: \"Connect\" }", "{ action: \"Nope\" }");
            assertThat(seed).hasSize(2);
            assertThat(json.readTree(seed.get(0))
                            .get("message")
                            .get("connectionid")
                            .asText())
                    .hasSize(22);
            assertThat(json.readTree(seed.get(1)).get("message").get("code").asText())
                    .isEqualTo("unknown-action");
        }
    }
}
