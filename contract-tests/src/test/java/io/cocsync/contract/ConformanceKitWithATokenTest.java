package io.cocsync.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cocsync.auth.OperationActions;
import io.cocsync.conformance.ConformanceKit;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's command line authenticating with a token (X-Auth-Token) instead of an AK/SK: with
 * every action, and with the list actions only, as read-only credentials for production have.
 */
class ConformanceKitWithATokenTest extends ContractTestBase {

    private static final String TOKEN = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID();
    private static final String LIST_ONLY_TOKEN = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID();
    private static final List<String> LIST_ACTIONS =
            List.of("coc:vendorAccount:list", "coc:instance:listResources", "coc:instance:showSyncTask");

    @TempDir
    Path reports;

    @BeforeAll
    static void issueAToken() throws Exception {
        // the command line is the subject here, not the database: the PostgreSQL run leaves it out
        assumeFalse("postgresql".equals(System.getProperty("coc.test.database")), "runs on the H2 run of the suite");
        Path file = serverDataDir.resolve("credentials.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(file.toFile());
        ArrayNode every = token(root, TOKEN);
        OperationActions.BY_OPERATION_ID.values().forEach(action -> every.add(action.iamName()));
        ArrayNode listOnly = token(root, LIST_ONLY_TOKEN);
        LIST_ACTIONS.forEach(listOnly::add);
        Files.write(file, json.writeValueAsBytes(root));
        awaitTokenAccepted();
    }

    /** Adds the token, stored as its SHA-256, and returns its list of actions to fill. */
    private static ArrayNode token(ObjectNode credentials, String token) throws Exception {
        return credentials.withArray("tokens").addObject()
                .put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(StandardCharsets.UTF_8))))
                .put("domain_id", "default").put("expires", "2099-01-01T00:00:00Z")
                .putArray("actions");
    }

    /** The server re-reads the credentials file within a few seconds. */
    private static void awaitTokenAccepted() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> answer;
        do {
            Thread.sleep(200);
            answer = sendUnsigned(request("/v1/vendor-account?limit=1").header("X-Auth-Token", TOKEN).GET().build());
        } while (answer.statusCode() == 401 && System.nanoTime() < deadline);
        assertThat(answer.statusCode()).as("a request with the new token: %s", answer.body()).isEqualTo(200);
    }

    @Test
    void aReadOnlyRunWithATokenPassesAndWritesBothReportsWhereItIsTold() {
        StringWriter console = new StringWriter();

        int exitCode = ConformanceKit.run(new PrintWriter(console, true), new PrintWriter(console, true),
                "--base-url", server.baseUri().toString(), "--token", TOKEN,
                "--junit-xml", reports.resolve("ci/kit.xml").toString(),
                "--markdown", reports.resolve("ci/kit.md").toString());

        assertThat(exitCode).as("exit code; console:%n%s", console).isZero();
        assertThat(console.toString()).contains("PASS  Auth.requestWithoutCredentialsIsRefused").contains("PASSED:");
        assertThat(reports.resolve("ci/kit.xml")).isNotEmptyFile();
        assertThat(reports.resolve("ci/kit.md")).content().startsWith("# COC conformance: PASSED");
    }

    @Test
    void withListActionsOnlyTheChecksOfRefusedWritesAreSkippedAndTheRunPasses() {
        StringWriter console = new StringWriter();

        int exitCode = ConformanceKit.run(new PrintWriter(console, true), new PrintWriter(console, true),
                "--base-url", server.baseUri().toString(), "--token", LIST_ONLY_TOKEN,
                "--junit-xml", reports.resolve("kit.xml").toString(), "--markdown", reports.resolve("kit.md").toString());

        assertThat(exitCode).as("exit code; console:%n%s", console).isZero();
        assertThat(console.toString())
                .contains("SKIP  DeleteVendorAccount.refusesAnUnknownAccount: the kit's credentials may not perform")
                .contains("PASS  ListVendorAccount.refusesInvalidParameters");
    }
}
