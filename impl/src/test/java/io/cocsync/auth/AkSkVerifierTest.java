package io.cocsync.auth;

import static io.cocsync.auth.SignatureVectors.ALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cocsync.auth.SignatureVectors.Vector;
import io.cocsync.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class AkSkVerifierTest {

    static final List<Vector> VECTORS = ALL;
    /** Every vector but the one that asks for an unsigned payload, which the server refuses. */
    static final List<Vector> SIGNED_BODY_VECTORS =
            ALL.stream().filter(vector -> !vector.headers().containsKey("X-Sdk-Content-Sha256")).toList();
    private static final Instant SIGNED_AT = Instant.parse("2026-11-22T08:36:00Z");

    @TempDir
    Path dir;

    private SettableClock clock;
    private AkSkVerifier verifier;

    @BeforeEach
    void setUp() throws Exception {
        clock = new SettableClock(SIGNED_AT);
        Path file = dir.resolve("credentials.json");
        Files.writeString(file, """
                {"access_keys": [
                  {"ak": "%s", "sk": "%s", "domain_id": "d-1", "actions": ["coc:vendorAccount:list"]},
                  {"ak": "DISABLED", "sk": "%s", "domain_id": "d-1", "actions": [], "enabled": false}
                ]}""".formatted(SignatureVectors.AK, SignatureVectors.SK, SignatureVectors.SK));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        verifier = new AkSkVerifier(new CredentialStore(new CredentialsFile(file), clock), new AkLockout(clock), clock);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("VECTORS")
    void theCanonicalRequestIsTheReferenceOne(Vector vector) {
        assertThat(CanonicalRequest.of(vector.request(), List.of(vector.signedHeaders().split(";")),
                        vector.headers().containsKey("X-Sdk-Content-Sha256") ? CanonicalRequest.UNSIGNED_PAYLOAD
                                : CanonicalRequest.sha256Hex(vector.body())))
                .isEqualTo(vector.canonicalRequest());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SIGNED_BODY_VECTORS")
    void aKnownSignatureVerifiesAndNamesTheCaller(Vector vector) throws Exception {
        Caller caller = verifier.verify(vector.request(), vector.authorization());

        assertThat(caller.name()).isEqualTo(SignatureVectors.AK);
        assertThat(caller.domainId()).isEqualTo("d-1");
        assertThat(caller.actions()).containsExactly(Action.LIST_ACCOUNTS);
    }

    @Test
    void anEquivalentEncodingOfThePathAndQueryVerifiesToo() throws Exception {
        Vector list = vector("repeatedEncoded");
        SignedRequest reencoded = new SignedRequest("GET", "/v1/multicloud-resources/",
                "vendor=AWS&region_id_list=us-east-1&name_list=web+1&region_id_list=eu-west-1&limit=5"
                        + "&name_list=a%2fb*%7E%2B%c3%a9",
                Map.of("host", List.of(SignatureVectors.HOST), "x-sdk-date", List.of(SignatureVectors.DATE)),
                new byte[0]);

        assertThat(verifier.verify(reencoded, list.authorization()).name()).isEqualTo(SignatureVectors.AK);
    }

    @Test
    void aWrongSecretKeyFails() {
        Vector list = vector("list");
        String forged = CanonicalRequest.signature("not-the-sk",
                CanonicalRequest.stringToSign(SignatureVectors.DATE, list.canonicalRequest()));

        assertRefused(list.request(), list.authorization().replace(list.signature(), forged),
                "verify aksk signature fail");
    }

    @Test
    void aTamperedBodyFails() {
        Vector sync = vector("sdkHeaders");
        SignedRequest tampered = new SignedRequest(sync.method(), sync.rawPath(), sync.rawQuery(),
                lists(sync.headers()), "{\"vendor\": \"AWS\"}".getBytes(StandardCharsets.UTF_8));

        assertRefused(tampered, sync.authorization(), "verify aksk signature fail");
    }

    @Test
    void aBodySwappedUnderTheStatedHashOfTheSignedBodyFails() {
        Vector sync = vector("sdkHeaders");
        Map<String, String> headers = new HashMap<>(sync.headers());
        // a captured request, re-sent with another body and the hash of the one that was signed
        headers.put("X-Sdk-Content-Sha256", CanonicalRequest.sha256Hex(sync.body()));
        SignedRequest swapped = new SignedRequest(sync.method(), sync.rawPath(), sync.rawQuery(), lists(headers),
                "{\"vendor\": \"AWS\"}".getBytes(StandardCharsets.UTF_8));

        assertRefused(swapped, sync.authorization(), "X-Sdk-Content-Sha256 does not match the hash of the body");
    }

    @Test
    void aStatedHashThatMatchesTheBodyIsAcceptedAndOneThatDoesNotIsRefused() throws Exception {
        Vector sync = vector("sdkHeaders");
        Map<String, String> headers = new HashMap<>(sync.headers());
        headers.put("X-Sdk-Content-Sha256", CanonicalRequest.sha256Hex(sync.body()));
        assertThat(verifier.verify(new SignedRequest(sync.method(), sync.rawPath(), sync.rawQuery(), lists(headers),
                sync.body()), sync.authorization()).name()).isEqualTo(SignatureVectors.AK);

        headers.put("X-Sdk-Content-Sha256", "0".repeat(64));
        assertRefused(new SignedRequest(sync.method(), sync.rawPath(), sync.rawQuery(), lists(headers), sync.body()),
                sync.authorization(), "does not match the hash of the body received");
    }

    @Test
    void anUnsignedPayloadIsRefusedWithTheReason() {
        Vector unsigned = vector("unsignedPayload");

        assertRefused(unsigned.request(), unsigned.authorization(),
                "X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD is not accepted: the signature must cover the body");
    }

    @Test
    void aSecondDateHeaderIsRefusedNotJoined() {
        Vector list = vector("list");
        Map<String, List<String>> headers = lists(list.headers());
        headers.put("X-Sdk-Date", List.of(SignatureVectors.DATE, SignatureVectors.DATE));

        assertRefused(new SignedRequest("GET", list.rawPath(), list.rawQuery(), headers, new byte[0]),
                list.authorization(), "the request has 2 X-Sdk-Date headers");
    }

    @Test
    void aTamperedPathOrQueryFails() {
        Vector list = vector("list");
        assertRefused(new SignedRequest("GET", "/v1/vendor-account/x", list.rawQuery(), lists(list.headers()),
                new byte[0]), list.authorization(), "verify aksk signature fail");
        assertRefused(new SignedRequest("GET", list.rawPath(), "limit=500&offset=0", lists(list.headers()),
                new byte[0]), list.authorization(), "verify aksk signature fail");
    }

    @Test
    void aSignedHeaderMissingFromTheRequestFails() {
        Vector sync = vector("sdkHeaders");
        Map<String, String> headers = new HashMap<>(sync.headers());
        headers.remove("X-Project-Id");

        assertRefused(new SignedRequest(sync.method(), sync.rawPath(), null, lists(headers), sync.body()),
                sync.authorization(), "the signed header x-project-id is not in the request");
    }

    @Test
    void datesOutsideFifteenMinutesAreExpiredBothWays() throws Exception {
        Vector list = vector("list");
        clock.advance(Duration.ofMinutes(15));
        assertThat(verifier.verify(list.request(), list.authorization())).isNotNull();

        clock.advance(Duration.ofSeconds(1));
        assertRefused(list.request(), list.authorization(), "signature expired");

        clock.advance(Duration.ofMinutes(-30).minusSeconds(2));
        assertRefused(list.request(), list.authorization(), "signature expired");
    }

    @Test
    void anUnknownOrDisabledAkFails() {
        Vector list = vector("list");
        assertRefused(list.request(), list.authorization().replace(SignatureVectors.AK, "NOBODY"),
                "ak NOBODY not exist");
        assertRefused(list.request(), list.authorization().replace(SignatureVectors.AK, "DISABLED"),
                "ak DISABLED is disabled");
    }

    @Test
    void missingOrMalformedPartsFail() {
        Vector list = vector("list");
        Map<String, String> undated = new HashMap<>(list.headers());
        undated.remove("X-Sdk-Date");
        assertRefused(new SignedRequest("GET", list.rawPath(), list.rawQuery(), lists(undated), new byte[0]),
                list.authorization(), "the X-Sdk-Date header is missing");
        assertRefused(list.request(), "Basic dXNlcjpwYXNz", "does not start with one of SDK-HMAC-SHA256, SDK-HMAC-SM3");
        assertRefused(list.request(), "SDK-HMAC-SHA256 Access=" + SignatureVectors.AK + ", Signature=" + list.signature(),
                "needs Access, SignedHeaders and Signature");
        assertRefused(list.request(), list.authorization().replace("host;x-sdk-date", "x-sdk-date"),
                "must include host and x-sdk-date");
        assertRefused(list.request(), list.authorization().replace(list.signature(), "XYZ"),
                "Signature is not 64 lower-case hex digits");
        Map<String, String> badDate = new HashMap<>(list.headers());
        badDate.put("X-Sdk-Date", "2026-11-22T08:36:00Z");
        assertRefused(new SignedRequest("GET", list.rawPath(), list.rawQuery(), lists(badDate), new byte[0]),
                list.authorization(), "X-Sdk-Date is not like");
    }

    @Test
    void fiveFailedChecksLockTheAkForFiveMinutesEvenForACorrectSignature() throws Exception {
        Vector list = vector("list");
        String wrong = list.authorization().replace(list.signature(), "0".repeat(64));
        for (int i = 0; i < 4; i++) {
            assertRefused(list.request(), wrong, "verify aksk signature fail");
        }
        assertRefused(list.request(), wrong, "is locked after 5 failed signature checks");
        assertRefused(list.request(), list.authorization(), "is locked");

        clock.advance(AkLockout.LOCK_TIME);
        assertThat(verifier.verify(list.request(), list.authorization()).name()).isEqualTo(SignatureVectors.AK);
    }

    @Test
    void noMessageRevealsTheSecretKey() {
        Vector list = vector("list");
        for (String authorization : List.of(list.authorization().replace(list.signature(), "1".repeat(64)),
                list.authorization().replace(SignatureVectors.AK, "NOBODY"))) {
            assertThatThrownBy(() -> verifier.verify(list.request(), authorization))
                    .message().doesNotContain(SignatureVectors.SK).doesNotContain(list.signature());
        }
    }

    private void assertRefused(SignedRequest request, String authorization, String cause) {
        assertThatThrownBy(() -> verifier.verify(request, authorization))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageStartingWith("Incorrect IAM authentication information: ")
                .hasMessageContaining(cause);
    }

    private static Vector vector(String name) {
        return ALL.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, List<String>> lists(Map<String, String> headers) {
        Map<String, List<String>> all = new HashMap<>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return all;
    }
}
