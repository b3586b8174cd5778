package io.cocsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.auth.SigningHttp;
import io.cocsync.server.CocServer;
import io.cocsync.server.ServerConfig;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OtherInventoryStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of signed requests that each break one rule of the spec ({@link HostileRequests}):
 * every answer is a client error that the operation documents (404 or 405 outside the spec),
 * with the error body (an {@code error_msg} within the spec's 2,048 characters) and an
 * {@code X-Request-Id} header, a 405 with {@code Allow}, within the client's timeout; and the
 * stored accounts and inventory are the same afterwards.
 */
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    /** The spec's maxLength of error_msg. */
    private static final int MAX_ERROR_MSG = 2048;

    @TempDir
    Path dataDir;

    @Test
    void everyRequestThatBreaksTheSpecGetsADocumentedClientErrorAndChangesNothing() throws Exception {
        try (CocServer server = CocServer.start(ServerConfig.defaults().withPort(0).withPlainHttpOnLoopback().withDataDir(dataDir));
                OtherInventoryStub vendor = new OtherInventoryStub(new Fleet(List.of("r1", "r2"), 50, 7))) {
            Api api = Api.of(server.baseUri(), dataDir);
            String accountId = api.register("hostile", vendor);
            api.awaitEnd(api.syncOther("hostile"), Duration.ofSeconds(30));
            String before = storedData(api);

            List<HostileRequests.Probe> probes = new HostileRequests(Map.of("id", accountId,
                    "task_id", "00000000-0000-4000-8000-000000000000")).all();
            RawHttp http = new RawHttp(server.baseUri(), SigningHttp.administratorOf(dataDir), ANSWER_TIMEOUT);
            List<String> wrong = Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> sent = new ArrayList<>();
                for (HostileRequests.Probe probe : probes) {
                    sent.add(clients.submit(() -> {
                        judge(probe, http).ifPresent(wrong::add);
                        return null;
                    }));
                }
                for (Future<?> answer : sent) {
                    answer.get(ANSWER_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }

            System.out.printf("HostileInputTest: %d requests that break the spec sent%n", probes.size());
            assertThat(wrong).as(wrong.size() + " wrong answers").isEmpty();
            assertThat(storedData(api)).as("accounts and inventory after the hostile requests").isEqualTo(before);
            assertThat(probes.size()).as("requests sent").isGreaterThan(4000);
        }
    }

    /** What is wrong with the answer to the probe, if anything. */
    private static java.util.Optional<String> judge(HostileRequests.Probe probe, RawHttp http) {
        String what = probe.operation() + " " + probe.rule() + " (" + probe.method() + " "
                + abbreviated(probe.target()) + ")";
        try {
            RawHttp.Answer answer = http.send(probe.method(), probe.target(), probe.contentType(), probe.body());
            if (!probe.allowed().contains(answer.status())) {
                return java.util.Optional.of(what + ": HTTP " + answer.status() + " " + abbreviated(answer.body()));
            }
            JsonNode error = JSON.readTree(answer.body());
            String requestId = answer.headers().get("x-request-id");
            if (requestId == null || !error.path("error_code").isTextual() || !error.path("error_msg").isTextual()
                    || !requestId.equals(error.path("request_id").asText())) {
                return java.util.Optional.of(what + ": HTTP " + answer.status() + ", not the error body: "
                        + answer.headers() + " "
                        + abbreviated(answer.body()));
            }
            if (error.path("error_msg").asText().codePointCount(0, error.path("error_msg").asText().length())
                    > MAX_ERROR_MSG) {
                return java.util.Optional.of(what + ": an error_msg longer than the spec's " + MAX_ERROR_MSG
                        + " characters");
            }
            if (answer.status() == 405 && answer.headers().get("allow") == null) {
                return java.util.Optional.of(what + ": 405 without an Allow header");
            }
            return java.util.Optional.empty();
        } catch (Exception e) {
            return java.util.Optional.of(what + ": " + e);
        }
    }

    /** The accounts (with their sync state) and the inventory's size, as the API shows them. */
    private static String storedData(Api api) throws Exception {
        return api.accounts().toString() + " count=" + api.countOther();
    }

    private static String abbreviated(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
