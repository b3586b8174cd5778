package io.cocsync.conformance.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The deployment under test, spoken to in raw HTTP: every request is authorized with the kit's
 * credentials (unless a check sends one without), and every exchange is kept, exactly as it went
 * over the wire, so that the runner can validate it against the spec after the check.
 */
public final class ApiTarget {

    private final String baseUrl;
    private final HttpClient http;
    private final Consumer<HttpRequest.Builder> credentials;
    private final Duration timeout;
    private final List<RecordedExchange> exchanges = new ArrayList<>();

    public ApiTarget(URI baseUri, HttpClient http, Consumer<HttpRequest.Builder> credentials, Duration timeout) {
        String text = baseUri.toString();
        this.baseUrl = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.http = http;
        this.credentials = credentials;
        this.timeout = timeout;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A valid GET, authorized. */
    public Answer get(String pathAndQuery) {
        return exchange(Call.of("GET", pathAndQuery, null), false);
    }

    /** A valid request with an optional JSON body, authorized. */
    public Answer send(String method, String pathAndQuery, String jsonBody) {
        return exchange(Call.of(method, pathAndQuery, jsonBody), false);
    }

    /**
     * A request the check made invalid on purpose, authorized: only its response is validated
     * against the spec.
     */
    public Answer sendInvalid(String method, String pathAndQuery, String jsonBody) {
        return exchange(Call.of(method, pathAndQuery, jsonBody), true);
    }

    /** A request with extra headers and, when {@code authorized} is false, without credentials. */
    public Answer send(Call call, boolean authorized, boolean deliberatelyInvalid) {
        return exchange(authorized ? call : call.unauthorized(), deliberatelyInvalid);
    }

    /** Takes the exchanges made since the last call, oldest first. */
    public synchronized List<RecordedExchange> drain() {
        List<RecordedExchange> drained = List.copyOf(exchanges);
        exchanges.clear();
        return drained;
    }

    private Answer exchange(Call call, boolean deliberatelyInvalid) {
        byte[] body = call.jsonBody() == null ? new byte[0] : call.jsonBody().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + call.pathAndQuery()))
                .timeout(timeout)
                .header("Accept", "application/json")
                .method(call.method(), call.jsonBody() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (call.jsonBody() != null) {
            builder.header("Content-Type", "application/json;charset=UTF-8");
        }
        call.headers().forEach(builder::header);
        if (call.authorized()) {
            credentials.accept(builder);
        }
        HttpRequest request = builder.build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("no answer to " + call.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + request.uri(), e);
        }
        byte[] responseBody = response.body() == null ? new byte[0] : response.body();
        synchronized (this) {
            exchanges.add(new RecordedExchange(request.method(), request.uri(), request.headers().map(), body,
                    response.statusCode(), response.headers(), responseBody, deliberatelyInvalid));
        }
        return new Answer(response.statusCode(), response.headers(), new String(responseBody, StandardCharsets.UTF_8));
    }

    /** What a check sends: method, path with query, optional JSON body, extra headers. */
    public record Call(String method, String pathAndQuery, String jsonBody, Map<String, String> headers,
            boolean authorized) {

        public static Call of(String method, String pathAndQuery, String jsonBody) {
            return new Call(method, pathAndQuery, jsonBody, Map.of(), true);
        }

        public Call withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Call(method, pathAndQuery, jsonBody, Map.copyOf(more), authorized);
        }

        Call unauthorized() {
            return new Call(method, pathAndQuery, jsonBody, headers, false);
        }
    }
}
