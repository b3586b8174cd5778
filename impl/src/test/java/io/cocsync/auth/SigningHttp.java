package io.cocsync.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * For tests that call the HTTP API: signs each request with the administrator AK/SK that the
 * server created in its data directory, the way Huawei's SDKs sign (host and x-sdk-date).
 */
public final class SigningHttp {

    private final HttpClient http = HttpClient.newHttpClient();
    private final Credentials.AccessKey key;

    private SigningHttp(Credentials.AccessKey key) {
        this.key = key;
    }

    /** Signs with this AK/SK, which need not be known to the server (tests of refusals). */
    public static SigningHttp as(String ak, String sk) {
        return new SigningHttp(new Credentials.AccessKey(ak, sk, "unknown", java.util.Set.of(), true));
    }

    /** The AK of the administrator that a server created on this data directory. */
    public static String administratorAk(Path dataDir) {
        return new CredentialsFile(dataDir.resolve(CredentialsFile.NAME)).read().accessKeys().values().iterator()
                .next().ak();
    }

    /** The administrator of a server started on this data directory. */
    public static SigningHttp administratorOf(Path dataDir) {
        return new SigningHttp(new CredentialsFile(dataDir.resolve(CredentialsFile.NAME)).read()
                .accessKeys().values().iterator().next());
    }

    public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri), "GET", new byte[0]);
    }

    public HttpResponse<String> post(URI uri, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json"), "POST",
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** Signs and sends; the builder must carry the URI and may carry more (unsigned) headers. */
    public HttpResponse<String> send(HttpRequest.Builder request, String method, byte[] body)
            throws IOException, InterruptedException {
        sign(request, method, body).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Like {@link #send}, with a body of unknown length: the client sends it chunked. */
    public HttpResponse<String> sendChunked(HttpRequest.Builder request, String method, byte[] body)
            throws IOException, InterruptedException {
        sign(request, method, body).method(method,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder sign(HttpRequest.Builder request, String method, byte[] body) {
        URI uri = request.copy().method(method, HttpRequest.BodyPublishers.noBody()).build().uri();
        signatureHeaders(method, uri.getRawAuthority(), uri.getRawPath(), uri.getRawQuery(), body)
                .forEach(request::header);
        return request;
    }

    /**
     * The headers that sign a request given as raw text (path and query exactly as sent, even
     * malformed), for tests that write requests to a socket themselves.
     */
    public Map<String, String> signatureHeaders(String method, String authority, String rawPath, String rawQuery,
            byte[] body) {
        String date = AkSkVerifier.SDK_DATE.format(Instant.now());
        SignedRequest signed = new SignedRequest(method, rawPath, rawQuery,
                Map.of("host", List.of(authority), "x-sdk-date", List.of(date)), body);
        List<String> names = List.of("host", "x-sdk-date");
        String signature = CanonicalRequest.signature(key.sk(), CanonicalRequest.stringToSign(date,
                CanonicalRequest.of(signed, names, CanonicalRequest.sha256Hex(body))));
        return Map.of("X-Sdk-Date", date, "Authorization", CanonicalRequest.ALGORITHM + " Access=" + key.ak()
                + ", SignedHeaders=" + String.join(";", names) + ", Signature=" + signature);
    }
}
