package io.cocsync.contract.support;

import io.cocsync.conformance.http.RecordedExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * A {@link HttpClient} that delegates everything to a real one and records every exchange in
 * {@link ExchangeRecorder}: the request (method, URI, headers, body bytes) and the response
 * (status, headers, body bytes).
 *
 * <p>The response body is always read fully from the delegate as bytes; the caller's
 * {@link HttpResponse.BodyHandler} is then fed those bytes, so the caller gets the body type it
 * asked for (the generated client asks for an {@code InputStream}).
 */
public final class RecordingHttpClient extends HttpClient {

    private final HttpClient delegate;

    public RecordingHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        boolean invalid = ExchangeRecorder.currentRequestIsDeliberatelyInvalid();
        byte[] requestBody = capture(request);
        HttpResponse<byte[]> raw = delegate.send(request, HttpResponse.BodyHandlers.ofByteArray());
        record(request, requestBody, raw, invalid);
        return adapt(raw, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        boolean invalid = ExchangeRecorder.currentRequestIsDeliberatelyInvalid();
        byte[] requestBody = capture(request);
        return delegate.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(raw -> {
            record(request, requestBody, raw, invalid);
            try {
                return adapt(raw, handler);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return sendAsync(request, handler);
    }

    private static void record(HttpRequest request, byte[] requestBody, HttpResponse<byte[]> raw, boolean invalid) {
        ExchangeRecorder.record(new RecordedExchange(
                request.method(),
                request.uri(),
                request.headers().map(),
                requestBody,
                raw.statusCode(),
                raw.headers(),
                raw.body() == null ? new byte[0] : raw.body(),
                invalid));
    }

    /** Reads the request's body publisher (publishers are replayable, so the real send reads it again). */
    private static byte[] capture(HttpRequest request) {
        Optional<HttpRequest.BodyPublisher> publisher = request.bodyPublisher();
        if (publisher.isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.get().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                synchronized (bytes) {
                    bytes.writeBytes(chunk);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while capturing the request body", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not capture the request body of " + request, e);
        }
        synchronized (bytes) {
            return bytes.toByteArray();
        }
    }

    /** Feeds the recorded bytes to the subscriber that the caller's handler makes. */
    private static <T> HttpResponse<T> adapt(HttpResponse<byte[]> raw, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        byte[] body = raw.body() == null ? new byte[0] : raw.body();
        HttpResponse.ResponseInfo info = new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return raw.statusCode();
            }

            @Override
            public HttpHeaders headers() {
                return raw.headers();
            }

            @Override
            public Version version() {
                return raw.version();
            }
        };
        HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
        AtomicBoolean delivered = new AtomicBoolean();
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n > 0 && delivered.compareAndSet(false, true)) {
                    if (body.length > 0) {
                        subscriber.onNext(List.of(ByteBuffer.wrap(body)));
                    }
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
                delivered.set(true);
            }
        });
        T converted;
        try {
            converted = subscriber.getBody().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while converting the response body", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not convert the response body", e);
        }
        return new AdaptedResponse<>(raw, converted);
    }

    private record AdaptedResponse<T>(HttpResponse<byte[]> raw, T body) implements HttpResponse<T> {
        @Override
        public int statusCode() {
            return raw.statusCode();
        }

        @Override
        public HttpRequest request() {
            return raw.request();
        }

        @Override
        public Optional<HttpResponse<T>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return raw.headers();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return raw.sslSession();
        }

        @Override
        public URI uri() {
            return raw.uri();
        }

        @Override
        public HttpClient.Version version() {
            return raw.version();
        }
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }
}
