package io.cocsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.cocsync.auth.SigningHttp;
import io.cocsync.server.CocServer;
import io.cocsync.server.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that cannot authenticate, or that hold connections and send bodies slowly, cannot
 * hold the server: a request that cannot be authentic is refused before its body is read, the
 * connections and body reads of one address and the body reads of all are bounded and answered
 * at once past the bound, and a signed client keeps its latency while 1,000 slow or idle
 * connections from several addresses are open. Every loopback address 127.0.0.x reaches the
 * server on Linux, so the test plays several clients from one machine.
 */
class ClientBoundsTest {

    private static final DateTimeFormatter SDK_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String BODY = "{\"vendor\":\"OTHER\",\"account_id\":\"slow\",\"account_name\":\"slow\","
            + "\"ak\":\"a\",\"sk\":\"b\",\"endpoint\":\"https://inventory.example.com/\"}";
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;

    private CocServer server;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRequestThatCannotBeAuthenticIsRefusedBeforeItsBodyArrives() throws Exception {
        start(ServerConfig.defaults().security());
        String knownAk = SigningHttp.administratorAk(dataDir);
        String freshDate = SDK_DATE.format(Instant.now());
        List<String> noBodyYet = List.of(
                "",
                "Authorization: SDK-HMAC-SHA256 Access=NOBODY, SignedHeaders=host;x-sdk-date, Signature="
                        + "0".repeat(64) + "\r\nX-Sdk-Date: " + freshDate + "\r\n",
                "Authorization: SDK-HMAC-SHA256 Access=" + knownAk + ", SignedHeaders=host;x-sdk-date, Signature="
                        + "0".repeat(64) + "\r\nX-Sdk-Date: 20200101T000000Z\r\n",
                "X-Auth-Token: not-a-token-this-server-issued\r\n");
        for (String credentials : noBodyYet) {
            // headers announcing a body of which nothing is sent: the server must not wait for it
            Socket socket = open("127.0.0.1", "POST /v1/vendor-account HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + BODY.length() + "\r\n" + credentials
                    + "\r\n");
            String answer = answerOf(socket);
            assertThat(answer).as(credentials).startsWith("HTTP/1.1 401").contains("\"error_code\":\"APIG.0301\"");
        }
    }

    @Test
    void bodyReadsPastTheBoundOfAnAddressAre429AndPastTheTotal503AtOnce() throws Exception {
        start(ServerConfig.defaults().security().withClientLimits(100, 2, 3));
        String plausible = plausiblySignedPost(SigningHttp.administratorAk(dataDir));

        // which of the requests the server takes first is its own choice: exactly one is refused
        List<String> fromOneAddress = answersWithin(List.of(open("127.0.0.2", plausible),
                open("127.0.0.2", plausible), open("127.0.0.2", plausible)));
        assertThat(fromOneAddress).as("three bodies from one address, two allowed").hasSize(1)
                .allSatisfy(answer -> assertRefusal(answer, "429", "COC.00010429"));
        List<String> pastTheTotal = answersWithin(List.of(open("127.0.0.3", plausible),
                open("127.0.0.4", plausible)));
        assertThat(pastTheTotal).as("two more bodies from other addresses, one allowed in total").hasSize(1)
                .allSatisfy(answer -> assertRefusal(answer, "503", "COC.00010503"));
    }

    @Test
    void aRequestOnAConnectionPastTheBoundOfItsAddressIs429AndTheConnectionClosed() throws Exception {
        start(ServerConfig.defaults().security().withClientLimits(3, 64, 128));
        for (int i = 0; i < 3; i++) {
            // answered, so surely counted, and kept open (HTTP/1.1 keeps a connection alive)
            assertThat(answerOf(open("127.0.0.5", "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")))
                    .startsWith("HTTP/1.1 200");
        }

        String answer = answerOf(open("127.0.0.5", "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));

        assertThat(answer).startsWith("HTTP/1.1 429").contains("Retry-After: 1").contains("Connection: close")
                .contains("more than 3 connections open");
    }

    @Test
    void aSignedClientKeepsItsLatencyWhileAThousandSlowOrIdleConnectionsAreOpen() throws Exception {
        start(ServerConfig.defaults().security());
        String plausible = plausiblySignedPost(SigningHttp.administratorAk(dataDir));
        for (int i = 0; i < 1_000; i++) {
            String address = "127.0.0." + (10 + i % 10);
            switch (i % 3) {
                case 0 -> open(address, "");
                case 1 -> open(address, "GET /v1/vendor-account?limit=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n");
                default -> open(address, plausible);
            }
        }

        SigningHttp admin = SigningHttp.administratorOf(dataDir);
        URI list = server.baseUri().resolve("/v1/vendor-account?limit=1");
        for (int i = 0; i < 20; i++) {
            assertThat(admin.get(list).statusCode()).isEqualTo(200);
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long start = System.nanoTime();
            assertThat(admin.get(list).statusCode()).isEqualTo(200);
            micros.add((System.nanoTime() - start) / 1_000);
        }
        micros.sort(null);
        long p99 = micros.get((int) Math.ceil(micros.size() * 0.99) - 1);
        assertThat(Duration.ofNanos(p99 * 1_000)).as("p99 of 200 signed requests").isLessThan(Duration.ofMillis(100));
    }

    private void start(ServerConfig.Security security) {
        server = CocServer.start(ServerConfig.defaults().withPort(0).withDataDir(dataDir).withSecurity(security));
    }

    /**
     * The headers of a POST that passes every check made before the body (a known AK, a fresh
     * date) with a signature that cannot be checked until the body is in, and the body's first
     * byte: such a client holds a body read until the body timeout.
     */
    private static String plausiblySignedPost(String knownAk) {
        return "POST /v1/vendor-account HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + BODY.length() + "\r\nX-Sdk-Date: " + SDK_DATE.format(Instant.now()) + "\r\n"
                + "Authorization: SDK-HMAC-SHA256 Access=" + knownAk + ", SignedHeaders=host;x-sdk-date, Signature="
                + "1".repeat(64) + "\r\n\r\n" + BODY.charAt(0);
    }

    /** A connection from {@code localAddress} that has sent {@code text} and nothing more. */
    private Socket open(String localAddress, String text) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port(),
                InetAddress.getByName(localAddress), 0);
        sockets.add(socket);
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static void assertRefusal(String answer, String status, String errorCode) {
        assertThat(answer).startsWith("HTTP/1.1 " + status).contains("Retry-After: 1")
                .contains("\"error_code\":\"" + errorCode + "\"").contains("\"request_id\"");
    }

    /** The answers that come on these connections within a second each; a held request answers nothing. */
    private static List<String> answersWithin(List<Socket> held) throws IOException {
        List<String> answers = new ArrayList<>();
        for (Socket socket : held) {
            try {
                answers.add(answerOf(socket, Duration.ofSeconds(1)));
            } catch (AssertionError stillHeld) {
                // held: its body read is in progress, as the bound allows
            }
        }
        return answers;
    }

    /** What the server answers within the wait: its status line, headers and body, up to the body's end. */
    private static String answerOf(Socket socket) throws IOException {
        return answerOf(socket, ANSWER_WAIT);
    }

    private static String answerOf(Socket socket, Duration wait) throws IOException {
        return SocketReads.readUntil(socket, wait, received -> received.contains("\r\n\r\n") && received.endsWith("}"),
                "no whole answer within " + wait);
    }
}
