package io.cocsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssueTokenCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void anIssuedTokenOpensTheApiOfARunningServer() throws Exception {
        try (CocServer server = CocServer.start(ServerConfig.defaults().withPort(0).withPlainHttpOnLoopback().withDataDir(dataDir))) {
            String token = IssueTokenCommand.run(new String[] {"--data-dir", dataDir.toString(), "--hours", "1"},
                    Map.of(), Clock.systemUTC());

            // the server re-reads the credentials file at most every 2 s
            Thread.sleep(2100);
            HttpResponse<String> withToken = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.baseUri().resolve("/v1/vendor-account?limit=5"))
                            .header("X-Auth-Token", token).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
            assertThat(Files.readString(dataDir.resolve("credentials.json"))).doesNotContain(token);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("credentials.json"))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aBadOptionIsNamed() {
        assertThatThrownBy(() -> IssueTokenCommand.run(new String[] {"--hours", "soon"}, Map.of(), Clock.systemUTC()))
                .hasMessage("--hours must be a whole number from 1 to 8784, not 'soon'");
    }
}
