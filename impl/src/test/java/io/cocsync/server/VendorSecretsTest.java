package io.cocsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.auth.SigningHttp;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.OtherInventoryStub;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Vendor secrets never leave their sealed column: not in responses, not in logs, not in the database files. */
class VendorSecretsTest {

    private static final String WRONG_SECRET = "wrong-secret-7Qv2xK9pLm";
    private static final String UPDATED_SECRET = "updated-secret-R4tY8uI0oP";

    @TempDir
    Path dataDir;

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> responses = new ArrayList<>();

    @Test
    void secretsAppearNowhereAfterSyncsThatFailAndSucceed() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        String goodSecret;
        try (OtherInventoryStub stub = new OtherInventoryStub(new Fleet(List.of("dc-1"), 5, 7))) {
            goodSecret = stub.secretKey();
            try (CocServer server = CocServer.start(ServerConfig.defaults().withPort(0).withPlainHttpOnLoopback().withDataDir(dataDir))) {
                SigningHttp admin = SigningHttp.administratorOf(dataDir);
                URI base = server.baseUri();
                String good = account(stub, "secret-good", stub.secretKey());
                String bad = account(stub, "secret-bad", WRONG_SECRET);
                record(admin.post(base.resolve("/v1/vendor-account"), good));
                record(admin.post(base.resolve("/v1/vendor-account"), bad));
                JsonNode task = syncAndWait(admin, base);
                assertThat(task.path("accounts").findValuesAsText("status")).containsExactlyInAnyOrder("success",
                        "failed");

                String badId = json.readTree(record(admin.get(base.resolve("/v1/vendor-account?limit=10"
                        + "&account_id=secret-bad")))).path("data").path(0).path("id").asText();
                record(admin.send(java.net.http.HttpRequest.newBuilder(base.resolve("/v1/vendor-account/" + badId))
                        .header("Content-Type", "application/json"), "PUT",
                        ("{\"sk\": \"" + UPDATED_SECRET + "\"}").getBytes(StandardCharsets.UTF_8)));
                syncAndWait(admin, base);
                record(admin.get(base.resolve("/v1/vendor-account?limit=10")));
                record(admin.get(base.resolve("/v1/multicloud-resources?vendor=OTHER&limit=10")));
            }
        } finally {
            root.detachAppender(logs);
        }

        List<String> logText = new ArrayList<>();
        for (ILoggingEvent event : logs.list) {
            logText.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                logText.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        List<String> databaseFiles = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".db")).toList()) {
                databaseFiles.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(databaseFiles).as("database files").isNotEmpty();
        assertThat(logText).as("log lines").isNotEmpty();
        assertThat(databaseFiles).as("control: the files hold the accounts' other fields in readable text")
                .anyMatch(text -> text.contains("secret-good"));
        for (String secret : List.of(goodSecret, WRONG_SECRET, UPDATED_SECRET)) {
            assertThat(responses).as("responses").noneMatch(text -> text.contains(secret));
            assertThat(logText).as("log output").noneMatch(text -> text.contains(secret));
            assertThat(databaseFiles).as("database files").noneMatch(text -> text.contains(secret));
        }
    }

    private String record(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        responses.add(response.headers().map() + response.body());
        return response.body();
    }

    private JsonNode syncAndWait(SigningHttp admin, URI base) throws Exception {
        String taskId = json.readTree(record(admin.post(base.resolve("/v1/multicloud-resources/sync"),
                "{\"vendor\": \"OTHER\"}"))).path("data").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            JsonNode task = json.readTree(record(admin.get(base.resolve("/v1/multicloud-resources/sync-tasks/"
                    + taskId)))).path("data");
            if (!task.path("status").asText().matches("waiting|running")) {
                return task;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("task " + taskId + " did not finish");
    }

    private static String account(OtherInventoryStub stub, String accountId, String sk) {
        return "{\"vendor\": \"OTHER\", \"account_id\": \"" + accountId + "\", \"account_name\": \"" + accountId
                + "\", \"ak\": \"" + stub.accessKey() + "\", \"sk\": \"" + sk + "\", \"endpoint\": \""
                + stub.endpoint() + "\"}";
    }
}
