package io.cocsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cocsync.auth.CanonicalRequest;
import io.cocsync.auth.SigningHttp;
import io.cocsync.testing.AuditLines;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of the security review, each tried against a server with the default settings:
 * a stored secret sent elsewhere or in clear, a request whose body or credential headers were
 * tampered with, another tenant probing for accounts and tasks; and what the audit log and the
 * data directory show afterwards.
 */
class SecurityHardeningTest {

    private static final String OTHER_DOMAIN_AK = "OTHERDOMAIN000000001";
    private static final String LIST_ONLY_AK = "LISTONLY000000000001";
    private static final String LOCKED_AK = "TOBELOCKED0000000001";

    @TempDir
    static Path dir;

    private static Path dataDir;
    private static CocServer server;
    private static SigningHttp admin;
    private static String administratorAk;
    private static SigningHttp otherDomain;
    private static SigningHttp listOnly;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        dataDir = dir.resolve("data");
        server = CocServer.start(ServerConfig.defaults().withPort(0).withDataDir(dataDir));
        admin = SigningHttp.administratorOf(dataDir);
        administratorAk = SigningHttp.administratorAk(dataDir);
        addAccessKey(OTHER_DOMAIN_AK, "other-domain", "coc:vendorAccount:update", "coc:vendorAccount:delete",
                "coc:instance:showSyncTask");
        addAccessKey(LIST_ONLY_AK, "default", "coc:vendorAccount:list");
        addAccessKey(LOCKED_AK, "default", "coc:vendorAccount:list");
        otherDomain = SigningHttp.as(OTHER_DOMAIN_AK, secretOf(OTHER_DOMAIN_AK));
        listOnly = SigningHttp.as(LIST_ONLY_AK, secretOf(LIST_ONLY_AK));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPlainHttpEndpointForCredentialsIsRefusedAtRegistrationAndUpdate() throws Exception {
        HttpResponse<String> plain = register("plain-1", "OTHER", "http://inventory.example.com/v1");
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).contains("COC.00010002").contains("endpoint must be an https:// URL for OTHER");

        String id = idOf(register("plain-2", "VMWARE", "https://vcenter.example.com/"));
        HttpResponse<String> update = update(id, "{\"endpoint\": \"http://vcenter.example.com/\", \"sk\": \"new\"}");
        assertThat(update.statusCode()).isEqualTo(400);
        assertThat(update.body()).contains("endpoint must be an https:// URL for VMWARE");
    }

    @Test
    void anEndpointChangeWithoutTheSecretIsRefusedAndWithItAccepted() throws Exception {
        String id = idOf(register("moved-1", "OTHER", "https://inventory.example.com/v1"));

        HttpResponse<String> redirected = update(id, "{\"endpoint\": \"https://attacker.example/collect\"}");
        assertThat(redirected.statusCode()).isEqualTo(400);
        assertThat(redirected.body()).contains("changing endpoint changes where the account's secret is sent")
                .contains("give sk again");

        assertThat(update(id, "{\"account_name\": \"renamed\"}").statusCode()).isEqualTo(200);
        assertThat(update(id, "{\"endpoint\": \"https://inventory.example.com/v1\"}").statusCode())
                .as("the same endpoint again is no change").isEqualTo(200);
        assertThat(update(id, "{\"endpoint\": \"https://new.example.com/v1\", \"sk\": \"its-secret\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void anAzureTenantChangeWithoutTheSecretIsRefused() throws Exception {
        String body = "{\"vendor\": \"AZURE\", \"account_id\": \"az-1\", \"account_name\": \"a\", \"ak\": \"client\","
                + " \"sk\": \"secret\", \"tenant_id\": \"tenant-a\", \"subscription_id\": \"sub-1\"}";
        String id = idOf(admin.post(server.baseUri().resolve("/v1/vendor-account"), body));

        HttpResponse<String> moved = update(id, "{\"tenant_id\": \"tenant-of-the-attacker\"}");
        assertThat(moved.statusCode()).isEqualTo(400);
        assertThat(moved.body()).contains("changing tenant_id");
        assertThat(update(id, "{\"tenant_id\": \"tenant-b\", \"sk\": \"secret-b\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void aBodySwappedUnderTheHashOfTheSignedOneIsRefused() throws Exception {
        URI uri = server.baseUri().resolve("/v1/vendor-account");
        byte[] signedBody = registration("swap-1", "OTHER", "https://inventory.example.com/").getBytes(
                StandardCharsets.UTF_8);
        byte[] swapped = registration("swap-2", "OTHER", "https://attacker.example/").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder replay = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("X-Sdk-Content-Sha256", CanonicalRequest.sha256Hex(signedBody))
                .POST(HttpRequest.BodyPublishers.ofByteArray(swapped));
        admin.signatureHeaders("POST", uri.getRawAuthority(), uri.getRawPath(), null, signedBody)
                .forEach(replay::header);

        HttpResponse<String> refused = send(replay.build());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("APIG.0301").contains("does not match the hash of the body received");
    }

    @Test
    void anUnsignedPayloadIsRefused() throws Exception {
        HttpResponse<String> refused = admin.send(HttpRequest.newBuilder(server.baseUri().resolve(
                "/v1/vendor-account?limit=1")).header("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD"), "GET", new byte[0]);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("APIG.0301").contains("UNSIGNED-PAYLOAD is not accepted");
    }

    @Test
    void aSecondAuthorizationOrTokenHeaderIsRefusedNotJoined() throws Exception {
        URI uri = server.baseUri().resolve("/v1/vendor-account?limit=1");
        Map<String, String> signature = admin.signatureHeaders("GET", uri.getRawAuthority(), uri.getRawPath(),
                uri.getRawQuery(), new byte[0]);
        HttpResponse<String> twoSignatures = send(HttpRequest.newBuilder(uri)
                .header("X-Sdk-Date", signature.get("X-Sdk-Date"))
                .header("Authorization", signature.get("Authorization"))
                .header("Authorization", signature.get("Authorization")).GET().build());
        assertThat(twoSignatures.statusCode()).isEqualTo(401);
        assertThat(twoSignatures.body()).contains("the request has 2 Authorization headers");

        HttpResponse<String> twoTokens = send(HttpRequest.newBuilder(uri).header("X-Auth-Token", "a")
                .header("X-Auth-Token", "b").GET().build());
        assertThat(twoTokens.statusCode()).isEqualTo(401);
        assertThat(twoTokens.body()).contains("the request has 2 X-Auth-Token headers");
    }

    @Test
    void anotherDomainsAccountOrTaskIsAnsweredExactlyLikeAMissingOne() throws Exception {
        String id = idOf(register("mine-1", "OTHER", "https://inventory.example.com/"));
        String missing = "0".repeat(24);
        for (String method : new String[] {"PUT", "DELETE"}) {
            byte[] body = method.equals("PUT") ? "{\"account_name\": \"x\"}".getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            HttpResponse<String> foreign = otherDomain.send(HttpRequest.newBuilder(
                    server.baseUri().resolve("/v1/vendor-account/" + id)).header("Content-Type", "application/json"),
                    method, body);
            HttpResponse<String> absent = otherDomain.send(HttpRequest.newBuilder(
                    server.baseUri().resolve("/v1/vendor-account/" + missing)).header("Content-Type",
                    "application/json"), method, body);
            assertThat(foreign.statusCode()).as(method).isEqualTo(absent.statusCode());
            assertThat(errorWithoutIds(foreign, id)).as(method).isEqualTo(errorWithoutIds(absent, missing));
        }

        String taskId = json.readTree(admin.post(server.baseUri().resolve("/v1/multicloud-resources/sync"),
                "{\"vendor\": \"OTHER\", \"account_id\": \"mine-1\"}").body()).path("data").asText();
        String noTask = UUID.randomUUID().toString();
        HttpResponse<String> foreignTask = otherDomain.get(server.baseUri().resolve(
                "/v1/multicloud-resources/sync-tasks/" + taskId));
        HttpResponse<String> absentTask = otherDomain.get(server.baseUri().resolve(
                "/v1/multicloud-resources/sync-tasks/" + noTask));
        assertThat(foreignTask.statusCode()).isEqualTo(absentTask.statusCode()).isEqualTo(404);
        assertThat(errorWithoutIds(foreignTask, taskId)).isEqualTo(errorWithoutIds(absentTask, noTask));
    }

    @Test
    void accountChangesAreAuditedWithWhoWhichAndWhatFieldsButNoSecret() throws Exception {
        try (AuditLines audit = AuditLines.capture()) {
            String id = idOf(register("audited-1", "OTHER", "https://inventory.example.com/"));
            update(id, "{\"ak\": \"new-ak-value\", \"sk\": \"new-sk-value\", \"endpoint\": \"https://b.example/\"}");
            admin.send(HttpRequest.newBuilder(server.baseUri().resolve("/v1/vendor-account/" + id)), "DELETE",
                    new byte[0]);

            assertThat(audit.events()).containsSubsequence("account_created", "account_updated", "account_deleted");
            String administrator = administratorAk;
            assertThat(audit.lines()).filteredOn(line -> line.contains("\"id\":\"" + id + "\"")).hasSize(3)
                    .allSatisfy(line -> assertThat(line).contains("\"caller\":\"" + administrator + "\"")
                            .doesNotContain("new-ak-value").doesNotContain("new-sk-value")
                            .doesNotContain("account-secret"));
            assertThat(audit.lines()).anySatisfy(line -> assertThat(line).contains("\"event\":\"account_updated\"")
                    .contains("\"fields\":[\"ak\",\"sk\",\"endpoint\"]"));
        }
    }

    @Test
    void refusedSignaturesForbiddenCallsAndLockoutsAreAuditedWithoutSecrets() throws Exception {
        try (AuditLines audit = AuditLines.capture()) {
            HttpResponse<String> forbidden = listOnly.post(server.baseUri().resolve("/v1/vendor-account"),
                    registration("forbidden-1", "OTHER", "https://inventory.example.com/"));
            assertThat(forbidden.statusCode()).isEqualTo(403);

            SigningHttp wrongSecret = SigningHttp.as(LOCKED_AK, "not-its-secret");
            for (int i = 0; i < 5; i++) {
                assertThat(wrongSecret.get(server.baseUri().resolve("/v1/vendor-account?limit=1")).statusCode())
                        .isEqualTo(401);
            }

            assertThat(audit.events()).containsSubsequence("forbidden", "authentication_refused", "ak_locked");
            assertThat(audit.lines()).anySatisfy(line -> assertThat(line).contains("\"event\":\"forbidden\"")
                    .contains("\"caller\":\"" + LIST_ONLY_AK + "\"").contains("coc:vendorAccount:create")
                    .contains("\"client\":\"127.0.0.1\"").containsPattern("\"request_id\":\"[0-9a-f]{32}\""));
            assertThat(audit.lines()).anySatisfy(line -> assertThat(line).contains("authentication_refused")
                    .contains("\"subject\":\"ak:" + LOCKED_AK + "\"").contains("verify aksk signature fail")
                    .contains("\"client\":\"127.0.0.1\""));
            assertThat(audit.lines()).anySatisfy(line -> assertThat(line).contains("\"event\":\"ak_locked\"")
                    .contains("\"ak\":\"" + LOCKED_AK + "\"").contains("\"until\""));
            assertThat(String.join("\n", audit.lines())).doesNotContain("not-its-secret")
                    .doesNotContain(secretOf(LIST_ONLY_AK)).doesNotContain("Signature=");
        }
    }

    @Test
    void theDataDirectoryAndItsSecretsAreOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        for (String file : new String[] {"coc.mv.db", "secret.key", "credentials.json"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
    }

    private HttpResponse<String> register(String accountId, String vendor, String endpoint) throws Exception {
        return admin.post(server.baseUri().resolve("/v1/vendor-account"), registration(accountId, vendor, endpoint));
    }

    private static String registration(String accountId, String vendor, String endpoint) {
        return "{\"vendor\": \"" + vendor + "\", \"account_id\": \"" + accountId + "\", \"account_name\": \"n\","
                + " \"ak\": \"account-ak\", \"sk\": \"account-secret\", \"endpoint\": \"" + endpoint + "\"}";
    }

    private HttpResponse<String> update(String id, String body) throws Exception {
        return admin.send(HttpRequest.newBuilder(server.baseUri().resolve("/v1/vendor-account/" + id))
                .header("Content-Type", "application/json"), "PUT", body.getBytes(StandardCharsets.UTF_8));
    }

    private String idOf(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).path("data").asText();
    }

    /** The error code and message with the id asked for taken out: what tells one answer from another. */
    private String errorWithoutIds(HttpResponse<String> response, String id) throws Exception {
        JsonNode error = json.readTree(response.body());
        return error.path("error_code").asText() + " " + error.path("error_msg").asText().replace(id, "ID");
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String secretOf(String ak) {
        return "secret-of-" + ak;
    }

    /** Adds an access key to the server's credentials file (owner-only, replaced in one move); the server reloads it. */
    private static void addAccessKey(String ak, String domainId, String... actions) throws Exception {
        Path file = dataDir.resolve("credentials.json");
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(file.toFile());
        ObjectNode key = root.withArray("access_keys").addObject().put("ak", ak).put("sk", secretOf(ak))
                .put("domain_id", domainId);
        for (String action : actions) {
            key.withArray("actions").add(action);
        }
        Path next = Files.createTempFile(dataDir, "credentials", ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(next, mapper.writeValueAsBytes(root));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
