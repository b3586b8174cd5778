package io.cocsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cocsync.server.CocServer;
import io.cocsync.server.ServerConfig;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only a credential granted {@code coc:admin:backup} may have a running server write a backup. */
class AdminBackupAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void aCallerWithoutTheBackupActionIsRefused403AndNoBackupIsWritten() throws Exception {
        try (CocServer server = CocServer.start(ServerConfig.defaults().withPlainHttpOnLoopback().withPort(0).withDataDir(dataDir))) {
            Path credentials = dataDir.resolve("credentials.json");
            ObjectNode root = (ObjectNode) JSON.readTree(credentials.toFile());
            root.withArray("access_keys").addObject().put("ak", "READER-AK").put("sk", "reader-secret-9f3k")
                    .put("domain_id", "default").putArray("actions").add("coc:vendorAccount:list")
                    .add("coc:instance:listResources");
            Files.write(credentials, JSON.writeValueAsBytes(root));
            Api reader = Api.as(server.baseUri(), "READER-AK", "reader-secret-9f3k");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
            while (reader.get("/v1/vendor-account?limit=1").statusCode() == 401) {
                assertThat(Instant.now()).as("the credentials file was reloaded").isBefore(deadline);
                Thread.sleep(200);
            }

            HttpResponse<String> refused = reader.post("/admin/backup", "{}");

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(JSON.readTree(refused.body()).path("error_code").asText()).isEqualTo("APIG.0302");
            assertThat(dataDir.resolve("backups")).doesNotExist();
            HttpResponse<String> admin = Api.of(server.baseUri(), dataDir).post("/admin/backup", "{}");
            assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
            assertThat(Path.of(JSON.readTree(admin.body()).path("file").asText())).isRegularFile();
        }
    }
}
