package io.cocsync.connectors;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.SSLHandshakeException;

/**
 * HTTP calls to a vendor's REST API with the shared fault handling: throttling (429), server
 * errors (5xx), timeouts and broken connections are retried under the {@link RetryPolicy},
 * honoring {@code Retry-After}; every other answer goes back to the connector to judge.
 */
public final class VendorHttp {

    private final Supplier<HttpClient> http;
    private final RetryPolicy retry;
    private final Duration requestTimeout;
    private final VendorCalls calls;

    /** Usually made by {@link ConnectorContext#http}, which gives the shared client and the vendor's metrics. */
    public VendorHttp(Supplier<HttpClient> http, RetryPolicy retry, Duration requestTimeout, VendorCalls calls) {
        this.http = http;
        this.retry = retry;
        this.requestTimeout = requestTimeout;
        this.calls = calls;
    }

    /**
     * Sends the request (its timeout set here, for the whole answer, body included) until an
     * answer that is not a transient fault comes back. {@code what} names the call in the message
     * when the vendor keeps failing.
     */
    public HttpResponse<byte[]> send(HttpRequest.Builder request, String what)
            throws ConnectorException, InterruptedException {
        HttpRequest built = request.timeout(requestTimeout).build();
        for (int attempt = 1; ; attempt++) {
            String problem;
            Duration retryAfter = null;
            try {
                HttpResponse<byte[]> response = exchange(built);
                int status = response.statusCode();
                calls.recordStatus(status);
                if (status != 429 && status < 500) {
                    return response;
                }
                problem = "HTTP " + status;
                retryAfter = response.headers().firstValue("Retry-After").map(VendorHttp::seconds).orElse(null);
            } catch (SSLHandshakeException e) {
                // retrying cannot help: the certificate stays untrusted until the operator acts
                throw new ConnectorException(what + " presented a TLS certificate this server does not trust;"
                        + " add its CA to the JVM's trust store.");
            } catch (IOException e) {
                calls.record("io_error");
                problem = e instanceof HttpTimeoutException ? "timed out" : "connection failed";
            }
            if (attempt >= retry.maxAttempts()) {
                throw new ConnectorException(what + " kept failing (" + problem + " after " + attempt
                        + " attempts).");
            }
            calls.record("retried");
            Thread.sleep(retry.delayAfter(attempt, retryAfter).toMillis());
        }
    }

    /**
     * One attempt, bounded as a whole. The request's own timeout ends only the wait for the
     * status line and headers: a vendor that then dribbles its body, or stops sending it, would
     * hold the sync until the account time limit. Cancelling the exchange closes its connection.
     */
    private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> answer = http.get().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return answer.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + requestTimeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw asIoException(e.getCause());
        }
    }

    /** The failure of an asynchronous exchange as the synchronous call would have thrown it. */
    private static IOException asIoException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLHandshakeException handshake) {
                return handshake;
            }
        }
        if (failure instanceof IOException io) {
            return io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        return new IOException(failure);
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return null; // an HTTP date, or garbage: fall back to our own backoff
        }
    }
}
