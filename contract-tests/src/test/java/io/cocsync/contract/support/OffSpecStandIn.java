package io.cocsync.contract.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cocsync.client.auth.AkSkSigner;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A deliberately wrong stand-in for a deployment: it passes every request on to our server and
 * its answer back, except that {@link Tamper} may change the answer of one operation. Requests
 * that came signed are signed again for the server (the signature covers the host, which the
 * hop changes); unsigned ones stay unsigned.
 */
public final class OffSpecStandIn implements AutoCloseable {

    /** Headers the JDK sets itself on either side of the hop. */
    private static final Set<String> HOP_HEADERS = Set.of("content-length", "transfer-encoding", "connection", "date",
            "host", "upgrade", "http2-settings");

    /** An answer on its way back: status, headers (names as the server sent them) and body. */
    public record Reply(int status, Map<String, List<String>> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public Reply withBody(String text) {
            return new Reply(status, headers, text.getBytes(StandardCharsets.UTF_8));
        }

        public Reply withoutHeader(String name) {
            Map<String, List<String>> kept = new LinkedHashMap<>(headers);
            kept.keySet().removeIf(header -> header.equalsIgnoreCase(name));
            return new Reply(status, kept, body);
        }
    }

    /** Changes the answer to one request, or returns it as it is. */
    @FunctionalInterface
    public interface Tamper {
        Reply apply(String method, String path, Reply reply);
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI upstream;
    private final AkSkSigner signer;
    private final Tamper tamper;

    private OffSpecStandIn(URI upstream, AkSkSigner signer, Tamper tamper) throws IOException {
        this.upstream = upstream;
        this.signer = signer;
        this.tamper = tamper;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static OffSpecStandIn start(URI upstream, AkSkSigner signer, Tamper tamper) throws IOException {
        return new OffSpecStandIn(upstream, signer, tamper);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            URI uri = exchange.getRequestURI();
            String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(upstream.toString() + pathAndQuery))
                    .timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String name : List.of("Content-Type", "Accept", "X-Request-Id")) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    builder.header(name, value);
                }
            }
            HttpRequest request = builder.build();
            if (exchange.getRequestHeaders().containsKey("Authorization")) {
                request = signer.sign(request);
            }
            HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    headers.put(name, values);
                }
            });
            Reply reply = tamper.apply(exchange.getRequestMethod(), uri.getRawPath(),
                    new Reply(answer.statusCode(), headers, answer.body()));
            reply.headers().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
