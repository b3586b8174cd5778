package io.cocsync.contract.support;

import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A {@link HttpClient.Builder} for {@code ApiClient.setHttpClientBuilder}: it configures a default
 * JDK builder ({@link HttpClient#newBuilder()}, so HTTP/2 is preferred and the JDK sends
 * {@code Upgrade: h2c} on cleartext, as real callers do) and wraps what it builds in a
 * {@link RecordingHttpClient}.
 */
public final class RecordingHttpClientBuilder implements HttpClient.Builder {

    private final HttpClient.Builder delegate;

    public RecordingHttpClientBuilder() {
        this(HttpClient.newBuilder());
    }

    public RecordingHttpClientBuilder(HttpClient.Builder delegate) {
        this.delegate = delegate;
    }

    @Override
    public HttpClient build() {
        return new RecordingHttpClient(delegate.build());
    }

    @Override
    public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
        delegate.cookieHandler(cookieHandler);
        return this;
    }

    @Override
    public HttpClient.Builder connectTimeout(Duration duration) {
        delegate.connectTimeout(duration);
        return this;
    }

    @Override
    public HttpClient.Builder sslContext(SSLContext sslContext) {
        delegate.sslContext(sslContext);
        return this;
    }

    @Override
    public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
        delegate.sslParameters(sslParameters);
        return this;
    }

    @Override
    public HttpClient.Builder executor(Executor executor) {
        delegate.executor(executor);
        return this;
    }

    @Override
    public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
        delegate.followRedirects(policy);
        return this;
    }

    @Override
    public HttpClient.Builder version(HttpClient.Version version) {
        delegate.version(version);
        return this;
    }

    @Override
    public HttpClient.Builder priority(int priority) {
        delegate.priority(priority);
        return this;
    }

    @Override
    public HttpClient.Builder proxy(ProxySelector proxySelector) {
        delegate.proxy(proxySelector);
        return this;
    }

    @Override
    public HttpClient.Builder authenticator(Authenticator authenticator) {
        delegate.authenticator(authenticator);
        return this;
    }
}
