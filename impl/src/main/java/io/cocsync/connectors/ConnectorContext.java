package io.cocsync.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.accounts.CloudVendor;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything connectors are built from, the same for every vendor: how to retry, how long one
 * call may take, whom to trust over TLS, the JSON reader, where call metrics go, and which
 * addresses may be called. The server builds one from its settings; tests build one with short
 * waits. Each vendor's {@link ConnectorFactory} turns it into that vendor's connector.
 */
public final class ConnectorContext {

    private final RetryPolicy retry;
    private final Duration callTimeout;
    private final Supplier<VendorTls> tls;
    private final ObjectMapper json;
    private final VendorCallMetrics metrics;
    private final OutboundPolicy outbound;
    /** Made at the first sync, not at start-up: making it sets up TLS (see {@link Lazy}). */
    private final Lazy<HttpClient> httpClient;

    private ConnectorContext(RetryPolicy retry, Duration callTimeout, Supplier<VendorTls> tls, ObjectMapper json,
            VendorCallMetrics metrics, OutboundPolicy outbound) {
        this.retry = Objects.requireNonNull(retry, "retry");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
        this.tls = new Lazy<>(tls);
        this.json = Objects.requireNonNull(json, "json");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.httpClient = new Lazy<>(() -> HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(this.tls.get().context())
                .build());
    }

    /** The longest wait for a TCP connection to a vendor, the same in every vendor's client. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The standard retry policy, the JVM's trusted authorities, no metrics and every address
     * allowed; change what differs with the {@code with…} methods.
     */
    public static ConnectorContext of(Duration callTimeout) {
        return new ConnectorContext(RetryPolicy.standard(), callTimeout, VendorTls::jvmDefault, VendorJson.create(),
                VendorCallMetrics.NONE, OutboundPolicy.ANY);
    }

    public ConnectorContext withRetry(RetryPolicy newRetry) {
        return new ConnectorContext(newRetry, callTimeout, tls, json, metrics, outbound);
    }

    public ConnectorContext withTls(Supplier<VendorTls> newTls) {
        return new ConnectorContext(retry, callTimeout, newTls, json, metrics, outbound);
    }

    public ConnectorContext withMetrics(VendorCallMetrics newMetrics) {
        return new ConnectorContext(retry, callTimeout, tls, json, newMetrics, outbound);
    }

    public ConnectorContext withOutbound(OutboundPolicy newOutbound) {
        return new ConnectorContext(retry, callTimeout, tls, json, metrics, newOutbound);
    }

    public RetryPolicy retry() {
        return retry;
    }

    /** The limit of one HTTP attempt, its whole answer included. */
    public Duration callTimeout() {
        return callTimeout;
    }

    public VendorTls tls() {
        return tls.get();
    }

    public ObjectMapper json() {
        return json;
    }

    public OutboundPolicy outbound() {
        return outbound;
    }

    /** Where the vendor's connector reports its calls. */
    public VendorCalls calls(CloudVendor vendor) {
        return metrics.vendorCalls(vendor);
    }

    /** The shared JDK client of the REST connectors (and azure-core): HTTP/1.1, no redirects, this TLS. */
    public HttpClient httpClient() {
        return httpClient.get();
    }

    /** REST calls with the shared fault handling, counted as the vendor's. */
    public VendorHttp http(CloudVendor vendor) {
        return new VendorHttp(httpClient, retry, callTimeout, calls(vendor));
    }
}
