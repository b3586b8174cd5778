package io.cocsync.client.auth;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests with an AK/SK the way Huawei Cloud's SDKs do ({@code SDK-HMAC-SHA256}): hand
 * written, beside the generated client, and independent of the server's code. Plug it in before
 * the API objects are created:
 *
 * <pre>{@code
 * ApiClient client = new ApiClient();
 * client.updateBaseUri("http://localhost:8080");
 * client.setRequestInterceptor(new AkSkSigner(ak, sk));
 * VendorAccountApi accounts = new VendorAccountApi(client);
 * }</pre>
 *
 * <p>It signs {@code host} and {@code x-sdk-date} and hashes the real body (read from the
 * request's body publisher, which the generated client builds from bytes).
 */
public final class AkSkSigner implements Consumer<HttpRequest.Builder> {

    private static final String ALGORITHM = "SDK-HMAC-SHA256";
    private static final String SIGNED_HEADERS = "host;x-sdk-date";
    private static final DateTimeFormatter SDK_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String ak;
    private final String sk;
    private final Clock clock;

    public AkSkSigner(String ak, String sk) {
        this(ak, sk, Clock.systemUTC());
    }

    public AkSkSigner(String ak, String sk, Clock clock) {
        this.ak = Objects.requireNonNull(ak, "ak");
        this.sk = Objects.requireNonNull(sk, "sk");
        this.clock = clock;
    }

    /** Adds {@code X-Sdk-Date} and {@code Authorization} to a request about to be built. */
    @Override
    public void accept(HttpRequest.Builder builder) {
        HttpRequest request = builder.copy().build();
        String date = SDK_DATE.format(clock.instant());
        builder.setHeader("X-Sdk-Date", date).setHeader("Authorization", authorization(request, date));
    }

    /** A signed copy of a request built by hand. */
    public HttpRequest sign(HttpRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true);
        accept(builder);
        return builder.build();
    }

    private String authorization(HttpRequest request, String date) {
        URI uri = request.uri();
        String canonical = request.method() + '\n' + canonicalUri(uri.getRawPath()) + '\n'
                + canonicalQuery(uri.getRawQuery()) + '\n' + "host:" + host(uri) + '\n' + "x-sdk-date:" + date
                + "\n\n" + SIGNED_HEADERS + '\n' + hex(sha256(bodyOf(request)));
        String stringToSign = ALGORITHM + '\n' + date + '\n' + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        return ALGORITHM + " Access=" + ak + ", SignedHeaders=" + SIGNED_HEADERS + ", Signature="
                + hex(hmac(stringToSign));
    }

    /** The Host header as the JDK's HttpClient sends it: the port only when it is not the scheme's default. */
    private static String host(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(uri.getScheme()) && port == 80)
                || ("https".equals(uri.getScheme()) && port == 443);
        return defaultPort ? uri.getHost() : uri.getHost() + ':' + port;
    }

    private static String canonicalUri(String rawPath) {
        StringBuilder canonical = new StringBuilder("/");
        for (String segment : rawPath == null ? new String[0] : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                canonical.append(encode(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8)))
                        .append('/');
            }
        }
        return canonical.toString();
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String parameter : rawQuery.split("&")) {
            if (!parameter.isEmpty()) {
                int eq = parameter.indexOf('=');
                pairs.add(new String[] {
                    encode(URLDecoder.decode(eq < 0 ? parameter : parameter.substring(0, eq), StandardCharsets.UTF_8)),
                    encode(URLDecoder.decode(eq < 0 ? "" : parameter.substring(eq + 1), StandardCharsets.UTF_8))});
            }
        }
        // a stable sort: repeated names keep their values in the order sent
        pairs.sort(Comparator.comparing(pair -> pair[0]));
        List<String> joined = new ArrayList<>();
        pairs.forEach(pair -> joined.add(pair[0] + '=' + pair[1]));
        return String.join("&", joined);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    /** The body's bytes, read from its publisher (the generated client's publishers can be read again). */
    private static byte[] bodyOf(HttpRequest request) {
        if (request.bodyPublisher().isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer buffer) {
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                done.complete(bytes.toByteArray());
            }
        });
        return done.join();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private byte[] hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sk.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "AkSkSigner[ak=" + ak + "]";
    }
}
