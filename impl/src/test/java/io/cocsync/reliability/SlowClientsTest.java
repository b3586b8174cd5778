package io.cocsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.client.auth.AkSkSigner;
import io.cocsync.server.CocServer;
import io.cocsync.server.ServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients cannot hold the server: a connection that sends its headers and then stalls its
 * body is closed after the idle timeout, one that trickles its body (a byte now and then, never
 * silent for long) is answered 400 after the body timeout, and while many such connections are
 * open (more than Jetty's 200 worker threads) a normal request is still answered.
 */
class SlowClientsTest {

    /** More than Jetty's 200 worker threads. */
    private static final int STALLED_CLIENTS = 250;
    /**
     * Fewer than the worker threads: with every thread blocked on a body, Jetty could not read the
     * bytes that do come, and the idle timeout, not the body timeout, would end the connections.
     */
    private static final int TRICKLING_CLIENTS = 150;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(2);
    /** Well inside the idle timeout: a trickling client is never silent long enough to be cut off for it. */
    private static final Duration TRICKLE_INTERVAL = Duration.ofMillis(250);
    private static final String BODY = "{\"vendor\":\"OTHER\",\"account_id\":\"slow\",\"account_name\":\"slow\","
            + "\"ak\":\"a\",\"sk\":\"b\",\"endpoint\":\"http://127.0.0.1:1/inventory\"}";

    @TempDir
    Path dataDir;

    private CocServer server;
    private AkSkSigner signer;
    /** Added to while the trickler iterates over it. */
    private final List<Socket> stalled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = CocServer.start(ServerConfig.defaults().withPort(0).withPlainHttpOnLoopback().withDataDir(dataDir)
                .withIdleTimeout(IDLE_TIMEOUT).withBodyTimeout(BODY_TIMEOUT)
                // these clients all come from one address: bounds per address are ClientBoundsTest's subject
                .withSecurity(ServerConfig.defaults().security().withClientLimits(1_000, 1_000, 1_000)));
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
            stalled.add(openWithPartOfTheBody(BODY.length() / 2));
        }

        long start = System.nanoTime();
        assertNormalRequestIsAnswered();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        for (Socket socket : stalled) {
            assertThat(whatServerSendsBeforeClosing(socket, Duration.ofSeconds(10)))
                    .as("a stalled client gets at most a client error before the connection ends")
                    .satisfiesAnyOf(nothing -> assertThat(nothing).isEmpty(),
                            answer -> assertThat(answer).startsWith("HTTP/1.1 400"));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(12));
    }

    @Test
    void tricklingBodiesAreAnswered400AfterTheBodyTimeoutAndDoNotStarveOtherClients() throws Exception {
        // trickling from the first connection on: opening them all may take longer than the idle timeout
        Thread trickler = new Thread(() -> trickleOneByteEach(stalled), "trickler");
        trickler.setDaemon(true);
        trickler.start();
        try {
            for (int i = 0; i < TRICKLING_CLIENTS; i++) {
                stalled.add(openWithPartOfTheBody(1));
            }
            long start = System.nanoTime();
            assertNormalRequestIsAnswered();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BODY_TIMEOUT);

            for (Socket socket : stalled) {
                assertThat(whatServerSendsBeforeClosing(socket, Duration.ofSeconds(10)))
                        .as("a trickling client is answered 400 with the error body, then the connection ends")
                        .startsWith("HTTP/1.1 400")
                        .contains("\"error_code\":\"COC.00010002\"")
                        .contains("The request body was not received within 2 seconds.");
            }
            // without the body timeout they would hold their worker threads for as long as they trickle
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BODY_TIMEOUT.multipliedBy(2));
        } finally {
            trickler.interrupt();
            trickler.join();
        }
    }

    private void assertNormalRequestIsAnswered() throws IOException, InterruptedException {
        HttpResponse<String> normal = HttpClient.newHttpClient().send(signed(HttpRequest.newBuilder(
                server.baseUri().resolve("/v1/vendor-account?limit=10")).timeout(Duration.ofSeconds(10)).GET()),
                HttpResponse.BodyHandlers.ofString());
        assertThat(normal.statusCode()).isEqualTo(200);
    }

    /**
     * Sends each socket (they were opened with the body's first byte, and more may be added
     * meanwhile) the next byte of its body in turn, every trickle interval, until interrupted.
     */
    private static void trickleOneByteEach(List<Socket> sockets) {
        byte[] body = BODY.getBytes(StandardCharsets.US_ASCII);
        Map<Socket, Integer> sent = new HashMap<>();
        try {
            while (true) {
                Thread.sleep(TRICKLE_INTERVAL.toMillis());
                for (Socket socket : sockets) {
                    int next = sent.getOrDefault(socket, 1);
                    if (next < body.length - 1) {
                        sendQuietly(socket, body[next]);
                        sent.put(socket, next + 1);
                    }
                }
            }
        } catch (InterruptedException stop) {
            // the test has what it needs
        }
    }

    private static void sendQuietly(Socket socket, byte b) {
        try {
            socket.getOutputStream().write(b);
            socket.getOutputStream().flush();
        } catch (IOException closedByTheServer) {
            // the server has answered and closed this one: nothing more to send
        }
    }

    /** A signed POST whose headers announce the whole body, of which only the first bytes are sent. */
    private Socket openWithPartOfTheBody(int bytes) throws IOException {
        URI uri = server.baseUri().resolve("/v1/vendor-account");
        HttpRequest request = signed(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)));
        StringBuilder head = new StringBuilder("POST /v1/vendor-account HTTP/1.1\r\n")
                .append("Host: ").append(uri.getRawAuthority()).append("\r\n")
                .append("Content-Length: ").append(BODY.length()).append("\r\n");
        request.headers().map().forEach((name, values) -> head.append(name).append(": ").append(values.get(0))
                .append("\r\n"));
        head.append("\r\n").append(BODY, 0, bytes);
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
        return SocketReads.readUntil(socket, wait, received -> false,
                "the server kept a stalled connection open for " + wait);
    }
}
