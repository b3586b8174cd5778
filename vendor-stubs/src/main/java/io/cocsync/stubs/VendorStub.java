package io.cocsync.stubs;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for one vendor's API on a loopback port, serving a generated {@link Fleet}
 * in the vendor's documented response shapes, with {@link StubFaults} injected on request.
 * The same stubs serve the connector tests, the benchmarks and the demo mode.
 *
 * <p>A subclass answers each request in {@link #respond}; this class owns the WireMock server,
 * the fault injection and the counters.
 */
public abstract class VendorStub implements AutoCloseable {

    private static final int ANSWER_LOG_SIZE = 10_000;
    /** A slow body comes in this many pieces, evenly spread over the faults' slowness. */
    private static final int SLOW_BODY_CHUNKS = 10;

    private final WireMockServer server;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger throttleTickets = new AtomicInteger();
    private final Deque<Answered> answered = new ArrayDeque<>();
    private volatile StubFaults faults = StubFaults.NONE;
    private volatile Fleet fleet;
    private final StubVendor vendor;
    private final String accessKey;
    private final String secretKey;

    /**
     * @param vendor whose API this stub speaks
     * @param accessKey the ak it accepts
     * @param secretKey the sk it accepts
     */
    protected VendorStub(Fleet fleet, StubVendor vendor, String accessKey, String secretKey) {
        this.fleet = fleet;
        this.vendor = vendor;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.server = new WireMockServer(wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .disableRequestJournal()
                .containerThreads(32)
                .extensions(new Responder()));
        server.stubFor(any(anyUrl()).willReturn(ok()));
        server.start();
    }

    public final StubVendor vendor() {
        return vendor;
    }

    /** The value of the vendor account's {@code endpoint} that points at this stub: its base URL unless it says otherwise. */
    public String endpoint() {
        return baseUrl();
    }

    /** The ak that this stub accepts. */
    public final String accessKey() {
        return accessKey;
    }

    /** The sk that this stub accepts. */
    public final String secretKey() {
        return secretKey;
    }

    /** The subscription an account must name to read this stub, if its vendor needs one. */
    public Optional<String> subscription() {
        return Optional.empty();
    }

    /**
     * The self-signed certificate a client must trust to reach this stub, for a stub that speaks
     * only HTTPS; empty for plain-HTTP stubs.
     */
    public Optional<X509Certificate> certificate() {
        return Optional.empty();
    }

    /** The tenant (project) id that an account must name to read this stub, if its vendor needs one. */
    public Optional<String> tenantId() {
        return Optional.empty();
    }

    /**
     * Answers one request, faults aside. {@code region} helpers and the fleet are at hand;
     * a request about a region listed as failing must be answered with {@link #regionFailure}.
     */
    protected abstract ResponseDefinition respond(Request request);

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public Fleet fleet() {
        return fleet;
    }

    public void setFleet(Fleet newFleet) {
        this.fleet = newFleet;
    }

    public StubFaults faults() {
        return faults;
    }

    public void setFaults(StubFaults newFaults) {
        this.faults = newFaults;
    }

    /**
     * The next {@code count} requests that the vendor would throttle are answered as it throttles:
     * a deterministic alternative to the random throttle rate, for tests that count retries.
     */
    public void throttleNextRequests(int count) {
        throttleTickets.set(count);
    }

    /** Whether this request is one that {@link #throttleNextRequests} asked to throttle; uses one up. */
    protected boolean throttleThisRequest() {
        return throttleTickets.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    /** Requests answered so far, faults included. */
    public long requestCount() {
        return requests.get();
    }

    /** One request as the stub answered it: when, what (method and URL) and with which status. */
    public record Answered(Instant at, String request, int status) {}

    /** The last {@value #ANSWER_LOG_SIZE} requests, oldest first: what tests check retries against. */
    public List<Answered> recentAnswers() {
        synchronized (answered) {
            return List.copyOf(answered);
        }
    }

    private void remember(Request request, int status) {
        Answered answer = new Answered(Instant.now(), request.getMethod() + " " + request.getUrl(), status);
        synchronized (answered) {
            if (answered.size() == ANSWER_LOG_SIZE) {
                answered.removeFirst();
            }
            answered.addLast(answer);
        }
    }

    protected boolean isFailingRegion(String region) {
        return region != null && faults.failingRegions().contains(region);
    }

    /** The name-value pairs of a form-encoded text (a request body or a query string); null or empty gives none. */
    protected static Map<String, String> formOf(String encoded) {
        Map<String, String> form = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return form;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    protected static ResponseDefinition regionFailure(String contentType, String body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(500)
                .withHeader("Content-Type", contentType)
                .withBody(body)
                .build();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Responder implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            requests.incrementAndGet();
            StubFaults current = faults;
            ThreadLocalRandom random = ThreadLocalRandom.current();
            ResponseDefinitionBuilder answer;
            Duration heldBack = Duration.ZERO;
            if (random.nextDouble() < current.throttleRate()) {
                answer = ResponseDefinitionBuilder.responseDefinition().withStatus(429)
                        .withHeader("Retry-After", Integer.toString(current.retryAfterSeconds()))
                        .withBody("Too Many Requests");
            } else if (random.nextDouble() < current.serverErrorRate()) {
                answer = ResponseDefinitionBuilder.responseDefinition().withStatus(500)
                        .withBody("Internal Server Error");
            } else if (random.nextDouble() < current.connectionResetRate()) {
                answer = ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER);
            } else {
                ResponseDefinition normal = respond(event.getRequest());
                answer = ResponseDefinitionBuilder.like(normal);
                boolean hasBody = normal.getStatus() == 200 && normal.specifiesBodyContent();
                if (hasBody && normal.getBody() != null && random.nextDouble() < current.malformedRate()) {
                    String body = normal.getBody();
                    answer.withBody(body.substring(0, body.length() / 2));
                } else if (random.nextDouble() < current.timeoutRate()) {
                    heldBack = current.slowness();
                } else if (hasBody && random.nextDouble() < current.slowBodyRate()) {
                    answer.withChunkedDribbleDelay(SLOW_BODY_CHUNKS, (int) current.slowness().toMillis());
                }
            }
            if (!current.delay().isZero() || !heldBack.isZero()) {
                answer.withFixedDelay((int) current.delay().plus(heldBack).toMillis());
            }
            ResponseDefinition built = answer.build();
            remember(event.getRequest(), built.getStatus());
            return built;
        }

        @Override
        public boolean applyGlobally() {
            return true;
        }

        @Override
        public String getName() {
            return "vendor-stub-responder";
        }
    }
}
