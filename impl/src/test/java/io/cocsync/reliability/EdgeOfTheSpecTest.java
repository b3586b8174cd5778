package io.cocsync.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cocsync.auth.SigningHttp;
import io.cocsync.server.CocServer;
import io.cocsync.server.ServerConfig;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP edge says exactly what the spec says, in the corners that third-party fuzzers found:
 * endpoints, lengths in characters, bounded messages, methods, request ids on the container's
 * own answers, closed connections, repeated and empty parameters, lenient paths and lone
 * surrogates. Header names are compared without regard to case, as HTTP defines them.
 */
class EdgeOfTheSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EMOJI = "\ud83d\ude00";
    private static final String REQUEST_ID = "caller-chosen_id-21";

    @TempDir
    static Path dataDir;
    private static CocServer server;
    private static RawHttp http;
    private static String accountId;

    @BeforeAll
    static void start() throws Exception {
        server = CocServer.start(ServerConfig.defaults().withPort(0).withDataDir(dataDir));
        http = new RawHttp(server.baseUri(), SigningHttp.administratorOf(dataDir), Duration.ofSeconds(10));
        RawHttp.Answer created = post("/v1/vendor-account", account("edge-1", "https://cmdb.example.com/inventory"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        accountId = JSON.readTree(created.body()).path("data").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // 1. endpoints

    @ParameterizedTest
    @ValueSource(strings = {"http://a..b/", "http://-/", "http://a:99999/", "http://:80/x", "http://ü.example/",
            "http://[", "http://%zz/", "http://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example/",
            "http://999.0.0.1/", "http://example.123/"})
    void anEndpointNoConnectorCanUseIsRefusedAtRegistrationAndAtUpdateNamingTheField(String endpoint)
            throws Exception {
        RawHttp.Answer created = post("/v1/vendor-account", account("edge-bad", endpoint));
        assertError(created, 400, "COC.00010002");
        assertThat(message(created)).contains("endpoint");

        RawHttp.Answer updated = http.send("PUT", "/v1/vendor-account/" + accountId, "application/json",
                utf8(JSON.createObjectNode().put("endpoint", endpoint).toString()));
        assertError(updated, 400, "COC.00010002");
        assertThat(message(updated)).contains("endpoint");
        assertThat(accounts()).contains("https://cmdb.example.com/inventory").doesNotContain("edge-bad");
    }

    @Test
    void anInternationalisedHostIsRefusedWithItsAsciiForm() throws Exception {
        RawHttp.Answer created = post("/v1/vendor-account", account("edge-idn", "https://bücher.example/"));
        assertError(created, 400, "COC.00010002");
        assertThat(message(created)).contains("endpoint").contains("xn--bcher-kva.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://[2001:db8::1]:65535/inventory", "https://10.0.0.1:1/", "https://xn--bcher-kva.example/a?b=%C3%BC"})
    void anIpv6LiteralAPortAtTheLimitAndAnAsciiFormAreAccepted(String endpoint) throws Exception {
        String id = "edge-ok-" + Math.abs(endpoint.hashCode());
        RawHttp.Answer created = post("/v1/vendor-account", account(id, endpoint));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(http.send("DELETE", "/v1/vendor-account/" + data(created), null, new byte[0]).status())
                .isEqualTo(200);
    }

    // 2. lengths count characters

    @Test
    void maxLengthCountsCharactersNotUtf16Units() throws Exception {
        RawHttp.Answer atTheLimit = post("/v1/vendor-account", account("edge-emoji", "https://a.example/")
                .put("account_name", EMOJI.repeat(64)));
        assertThat(atTheLimit.status()).as(atTheLimit.body()).isEqualTo(200);
        http.send("DELETE", "/v1/vendor-account/" + data(atTheLimit), null, new byte[0]);

        RawHttp.Answer onePast = post("/v1/vendor-account", account("edge-emoji", "https://a.example/")
                .put("account_name", EMOJI.repeat(65)));
        assertError(onePast, 400, "COC.00010002");
        assertThat(message(onePast)).contains("account_name");
    }

    @Test
    void queryParametersCountCharactersToo() throws Exception {
        assertOk(get("/v1/vendor-account?limit=10&account_name=" + encode(EMOJI.repeat(64))));
        assertOk(get("/v1/multicloud-resources/count?vendor=OTHER&name_list=" + encode("\ud800\udc00".repeat(64))));
        RawHttp.Answer onePast = get("/v1/vendor-account?limit=10&account_name=" + encode(EMOJI.repeat(65)));
        assertError(onePast, 400, "COC.00010002");
        assertThat(message(onePast)).contains("account_name");
    }

    // 3. one message per parameter, within 2,048 characters

    @ParameterizedTest
    @ValueSource(ints = {100, 500})
    void manyBadValuesOfOneParameterGiveOneBoundedMessage(int values) throws Exception {
        RawHttp.Answer answer = get("/v1/multicloud-resources/count?vendor=OTHER" + "&name_list=".repeat(values));
        assertError(answer, 400, "COC.00010002");
        String message = message(answer);
        assertThat(message.length()).isLessThanOrEqualTo(2048);
        assertThat(message.split("name_list", -1)).as(message).hasSize(2);
    }

    // 4. methods the API does not have

    @ParameterizedTest
    @ValueSource(strings = {"OPTIONS", "TRACE", "PATCH", "FROB"})
    void aMethodThePathDoesNotHaveIs405WithAllowAfterAuthentication(String method) throws Exception {
        RawHttp.Answer answer = http.send(method, "/v1/vendor-account", null, new byte[0]);
        assertError(answer, 405, "COC.00010405");
        assertThat(answer.headers().get("allow")).isEqualTo("GET, POST");
        assertThat(message(answer)).doesNotContainIgnoringCase("apply").doesNotContain("operation");

        RawHttp.Answer onAnAccount = http.send(method, "/v1/vendor-account/" + accountId, null, new byte[0]);
        assertError(onAnAccount, 405, "COC.00010405");
        assertThat(onAnAccount.headers().get("allow")).isEqualTo("DELETE, PUT");

        RawHttp.Answer unsigned = http.exchange(utf8(method + " /v1/vendor-account HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n"));
        assertError(unsigned, 401, "APIG.0301");
    }

    // 5. the caller's request id on the container's answers

    @ParameterizedTest
    @ValueSource(strings = {"/v1/vendor-account/a%2Fb", "/v1/vendor-account/a%5Cb", "/v1/vendor-account/a%25b",
            "/v1/vendor-account/a%01b", "/v1/vendor-account/%C0%AF", "/v1/vendor-account/a\\b"})
    void aPathTheServerRefusesEchoesTheCallersRequestId(String target) throws Exception {
        RawHttp.Answer answer = http.exchange(("GET " + target + " HTTP/1.1\r\nHost: x\r\nX-Request-Id: "
                + REQUEST_ID + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertError(answer, 400, "COC.00010002");
        assertThat(answer.headers().get("x-request-id")).isEqualTo(REQUEST_ID);
    }

    /**
     * Jetty refuses a request line it cannot parse (a broken percent-encoding, an encoded NUL, a
     * control character) before it reads any header: there is no caller's id to echo, but the
     * answer is still the error body, with an id of the server's, and the connection is closed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/v1/vendor-account/%", "/v1/vendor-account/%zz", "/v1/vendor-account/a%00b",
            "/v1/vendor-account/a\u0001b"})
    void aRequestLineTheServerCannotParseIsRefusedBeforeItsHeadersAreRead(String target) throws Exception {
        RawHttp.Answer answer = http.exchange(("GET " + target + " HTTP/1.1\r\nHost: x\r\nX-Request-Id: "
                + REQUEST_ID + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertError(answer, 400, "COC.00010002");
        assertThat(answer.headers().get("connection")).isEqualToIgnoringCase("close");
    }

    @Test
    void aMalformedContentTypeIs415WithTheCallersRequestIdEveryTime() throws Exception {
        for (int i = 0; i < 40; i++) {
            for (String type : new String[] {"no/such type", ";;", "application/json; charset", "/"}) {
                RawHttp.Answer answer = http.send("POST", "/v1/vendor-account", type,
                        utf8(account("edge-ct", "https://a.example/").toString()), Map.of("X-Request-Id", REQUEST_ID));
                assertError(answer, 415, "COC.00010415");
                assertThat(answer.headers().get("x-request-id")).as(type).isEqualTo(REQUEST_ID);
            }
        }
    }

    // 6. a request line past the limit

    @Test
    void aRequestLinePastTheLimitIsAnswered400WithConnectionClose() throws Exception {
        RawHttp.Answer answer = http.exchange(utf8("GET /v1/vendor-account?account_name=" + "a".repeat(20_000)
                + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertError(answer, 400, "COC.00010002");
        assertThat(answer.headers().get("connection")).isEqualToIgnoringCase("close");
    }

    // 7. empty filters and repeated single-valued parameters

    @ParameterizedTest
    @ValueSource(strings = {"vendor=&limit=10", "limit=5&limit=abc", "limit=5&limit=5", "offset=0&offset=1&limit=10",
            "vendor=OTHER&vendor=HCS&limit=10", "marker=a&marker=b&limit=10", "account_name=a&account_name=b&limit=10"})
    void anEmptyVendorOrARepeatedSingleValuedParameterIsRefusedNamingIt(String query) throws Exception {
        RawHttp.Answer answer = get("/v1/vendor-account?" + query);
        assertError(answer, 400, "COC.00010002");
        assertThat(message(answer)).contains(query.substring(0, query.indexOf('=')));
    }

    @Test
    void aRepeatedListParameterStillTakesEveryValue() throws Exception {
        assertThat(get("/v1/multicloud-resources/count?vendor=OTHER&name_list=a&name_list=b").status()).isEqualTo(200);
    }

    // 8. paths are matched exactly

    @Test
    void aTrailingSlashOrAMatrixParameterIsAnUnknownPath() throws Exception {
        String update = JSON.createObjectNode().put("account_name", "renamed").toString();
        for (String target : new String[] {"/v1/vendor-account/" + accountId + "/",
                "/v1/vendor-account/" + accountId + ";foo=bar"}) {
            assertError(http.send("PUT", target, "application/json", utf8(update)), 404, "COC.00010404");
            assertError(http.send("DELETE", target, null, new byte[0]), 404, "COC.00010404");
        }
        assertError(get("/v1/multicloud-resources/sync-tasks/00000000-0000-4000-8000-000000000000/"), 404,
                "COC.00010404");
        assertError(get("/v1/vendor-account/"), 404, "COC.00010404");
        assertThat(accounts()).contains(accountId).contains("edge-1").doesNotContain("renamed");
    }

    // 9. lone surrogates

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "a\\udfffb", "\\ud83d", "\\ude00\\ud83d"})
    void aLoneSurrogateInAStringIsRefused(String escaped) throws Exception {
        String body = account("edge-lone", "https://a.example/").toString()
                .replace("\"account_name\":\"edge-lone\"", "\"account_name\":\"" + escaped + "\"");
        RawHttp.Answer answer = post("/v1/vendor-account", body);
        assertError(answer, 400, "COC.00010002");
        assertThat(message(answer)).contains("account_name").contains("lone surrogate");
    }

    @Test
    void aSurrogatePairIsOneCharacterAndAccepted() throws Exception {
        String body = account("edge-pair", "https://a.example/").toString()
                .replace("\"account_name\":\"edge-pair\"", "\"account_name\":\"\\ud83d\\ude00\"");
        RawHttp.Answer answer = post("/v1/vendor-account", body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        http.send("DELETE", "/v1/vendor-account/" + data(answer), null, new byte[0]);
    }

    private static ObjectNode account(String id, String endpoint) {
        return JSON.createObjectNode().put("vendor", "OTHER").put("account_id", id).put("account_name", id)
                .put("ak", "reader").put("sk", "secret").put("endpoint", endpoint);
    }

    private static RawHttp.Answer post(String path, Object json) throws IOException {
        return http.send("POST", path, "application/json", utf8(json.toString()));
    }

    private static RawHttp.Answer get(String target) throws IOException {
        return http.send("GET", target, null, new byte[0]);
    }

    private static String accounts() throws IOException {
        RawHttp.Answer answer = get("/v1/vendor-account?limit=100");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    private static void assertOk(RawHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    /** The answer has the status, the documented error body with the code, and its request id in a header. */
    private static void assertError(RawHttp.Answer answer, int status, String code) throws IOException {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("error_code").asText()).isEqualTo(code);
        assertThat(error.path("error_msg").isTextual()).isTrue();
        assertThat(answer.headers().get("x-request-id")).isNotBlank().isEqualTo(error.path("request_id").asText());
    }

    private static String message(RawHttp.Answer answer) throws IOException {
        return JSON.readTree(answer.body()).path("error_msg").asText();
    }

    private static String data(RawHttp.Answer answer) throws IOException {
        return JSON.readTree(answer.body()).path("data").asText();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
