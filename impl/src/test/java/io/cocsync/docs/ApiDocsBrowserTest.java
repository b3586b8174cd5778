package io.cocsync.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cocsync.server.CocServer;
import io.cocsync.server.ServerConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * /docs opened in a real headless Chromium (Debian's package; .ci/run installs it) renders every
 * operation of the spec. A build on a machine without Chromium skips it (cocsync.skipBrowserChecks,
 * see the parent POM); CI never does.
 */
@DisabledIfSystemProperty(named = "cocsync.skipBrowserChecks", matches = "true",
        disabledReason = "cocsync.skipBrowserChecks is true: Chromium was not found; CI runs this test")
class ApiDocsBrowserTest {

    @TempDir
    Path dir;

    @Test
    void theReferencePageRendersEveryOperation() throws Exception {
        try (CocServer server = CocServer.start(ServerConfig.defaults().withPort(0).withPlainHttpOnLoopback().withDataDir(dir.resolve("data")))) {
            String dom = renderedDom(server.baseUri() + "/docs");

            assertThat(dom).contains("COC multicloud resource sync");
            for (String summary : operationSummaries()) {
                assertThat(dom).as("the rendered page shows the operation '%s'", summary).contains(summary);
            }
        }
    }

    private String renderedDom(String url) throws Exception {
        Process chromium = new ProcessBuilder(chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("profile"),
                // let Redoc fetch the spec and render before the DOM is read
                "--virtual-time-budget=20000", "--dump-dom", url)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] dom = chromium.getInputStream().readAllBytes();
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).as("Chromium finished").isTrue();
        return new String(dom, StandardCharsets.UTF_8);
    }

    private static String chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("This test needs Debian's chromium package (apt-get install chromium);"
                + " .ci/run installs it.");
    }

    private static List<String> operationSummaries() throws Exception {
        try (InputStream spec = ApiDocsBrowserTest.class.getResourceAsStream("/openapi/coc-multicloud.yaml")) {
            JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(spec).path("paths");
            List<String> summaries = new ArrayList<>();
            paths.forEach(path -> path.forEach(operation -> {
                if (operation.has("summary")) {
                    summaries.add(operation.path("summary").asText());
                }
            }));
            assertThat(summaries).hasSize(8);
            return summaries;
        }
    }
}
