package io.cocsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.client.auth.AkSkSigner;
import io.cocsync.server.CocServer;
import io.cocsync.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients cannot hold the server: a connection that sends its headers and then stalls its
 * body is closed after the idle timeout, and while many such connections are open (more than
 * Jetty's 200 worker threads) a normal request is still answered.
 */
class SlowClientsTest {

    private static final int STALLED_CLIENTS = 250;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);
    private static final String BODY = "{\"vendor\":\"OTHER\",\"account_id\":\"slow\",\"account_name\":\"slow\","
            + "\"ak\":\"a\",\"sk\":\"b\",\"endpoint\":\"http://127.0.0.1:1/inventory\"}";

    @TempDir
    Path dataDir;

    private CocServer server;
    private AkSkSigner signer;
    private final List<Socket> stalled = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = CocServer.start(ServerConfig.defaults().withPort(0).withDataDir(dataDir)
                .withIdleTimeout(IDLE_TIMEOUT));
        JsonNode admin = new ObjectMapper().readTree(dataDir.resolve("credentials.json").toFile())
                .path("access_keys").path(0);
        signer = new AkSkSigner(admin.path("ak").asText(), admin.path("sk").asText());
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : stalled) {
            socket.close();
        }
        server.close();
    }

    @Test
    void stalledBodiesAreCutOffAfterTheIdleTimeoutAndDoNotStarveOtherClients() throws Exception {
        for (int i = 0; i < STALLED_CLIENTS; i++) {
            stalled.add(openWithHalfABody());
        }

        long start = System.nanoTime();
        HttpResponse<String> normal = HttpClient.newHttpClient().send(signed(HttpRequest.newBuilder(
                server.baseUri().resolve("/v1/vendor-account?limit=10")).timeout(Duration.ofSeconds(10)).GET()),
                HttpResponse.BodyHandlers.ofString());
        assertThat(normal.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        for (Socket socket : stalled) {
            assertThat(whatServerSendsBeforeClosing(socket, Duration.ofSeconds(10)))
                    .as("a stalled client gets at most a client error before the connection ends")
                    .satisfiesAnyOf(nothing -> assertThat(nothing).isEmpty(),
                            answer -> assertThat(answer).startsWith("HTTP/1.1 400"));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(12));
    }

    /** A signed POST whose headers announce the whole body, of which only the first half is sent. */
    private Socket openWithHalfABody() throws IOException {
        URI uri = server.baseUri().resolve("/v1/vendor-account");
        HttpRequest request = signed(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)));
        StringBuilder head = new StringBuilder("POST /v1/vendor-account HTTP/1.1\r\n")
                .append("Host: ").append(uri.getRawAuthority()).append("\r\n")
                .append("Content-Length: ").append(BODY.length()).append("\r\n");
        request.headers().map().forEach((name, values) -> head.append(name).append(": ").append(values.get(0))
                .append("\r\n"));
        head.append("\r\n").append(BODY, 0, BODY.length() / 2);
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private HttpRequest signed(HttpRequest.Builder builder) {
        return signer.sign(builder.build());
    }

    /** What the server sends on the connection until it closes it; fails if it is still open after the wait. */
    private static String whatServerSendsBeforeClosing(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            for (int b; (b = in.read()) >= 0; ) {
                received.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept a stalled connection open for " + wait);
        } catch (IOException reset) {
            // a reset ends the connection as well as a close
        }
        return received.toString(StandardCharsets.US_ASCII);
    }
}
