package io.cocsync.connectors;

import io.cocsync.metrics.SyncMetrics;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;

/**
 * HTTP calls to a vendor's REST API with the shared fault handling: throttling (429), server
 * errors (5xx), timeouts and broken connections are retried under the {@link RetryPolicy},
 * honoring {@code Retry-After}; every other answer goes back to the connector to judge.
 */
public final class VendorHttp {

    private final HttpClient http;
    private final RetryPolicy retry;
    private final Duration requestTimeout;
    private final SyncMetrics.VendorCalls calls;

    public VendorHttp(HttpClient http, RetryPolicy retry, Duration requestTimeout) {
        this(http, retry, requestTimeout, SyncMetrics.VendorCalls.NONE);
    }

    public VendorHttp(HttpClient http, RetryPolicy retry, Duration requestTimeout, SyncMetrics.VendorCalls calls) {
        this.http = http;
        this.retry = retry;
        this.requestTimeout = requestTimeout;
        this.calls = calls;
    }

    /** The same calls, counted as the given vendor's. */
    public VendorHttp countedAs(SyncMetrics.VendorCalls vendorCalls) {
        return new VendorHttp(http, retry, requestTimeout, vendorCalls);
    }

    /** A client for connector HTTP calls: HTTP/1.1, bounded connect time, no redirects. */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Sends the request (its timeout set here) until an answer that is not a transient fault
     * comes back. {@code what} names the call in the message when the vendor keeps failing.
     */
    public HttpResponse<byte[]> send(HttpRequest.Builder request, String what)
            throws ConnectorException, InterruptedException {
        HttpRequest built = request.timeout(requestTimeout).build();
        for (int attempt = 1; ; attempt++) {
            String problem;
            Duration retryAfter = null;
            try {
                HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status != 429 && status < 500) {
                    calls.record("ok");
                    return response;
                }
                calls.record(status == 429 ? "throttled" : "server_error");
                problem = "HTTP " + status;
                retryAfter = response.headers().firstValue("Retry-After").map(VendorHttp::seconds).orElse(null);
            } catch (SSLHandshakeException e) {
                // retrying cannot help: the certificate stays untrusted until the operator acts
                throw new ConnectorException(what + " presented a TLS certificate this server does not trust;"
                        + " add its CA to the JVM's trust store.");
            } catch (IOException e) {
                calls.record("io_error");
                problem = e instanceof java.net.http.HttpTimeoutException ? "timed out" : "connection failed";
            }
            if (attempt >= retry.maxAttempts()) {
                throw new ConnectorException(what + " kept failing (" + problem + " after " + attempt
                        + " attempts).");
            }
            calls.record("retried");
            Thread.sleep(retry.delayAfter(attempt, retryAfter).toMillis());
        }
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return null; // an HTTP date, or garbage: fall back to our own backoff
        }
    }
}
