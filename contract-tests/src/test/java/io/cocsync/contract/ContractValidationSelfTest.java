package io.cocsync.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cocsync.contract.support.ContractValidationExtension;
import io.cocsync.conformance.http.RecordedExchange;
import io.cocsync.conformance.spec.SpecContract;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks that every exchange goes through catch what they are meant to catch. */
class ContractValidationSelfTest {

    private static final Map<String, List<String>> JSON_WITH_ID = Map.of(
            "Content-Type", List.of("application/json"), "X-Request-Id", List.of("abc"));

    @Test
    void aConformingExchangeHasNoProblems() {
        assertThat(SpecContract.get().problems(countExchange(200, "{\"data\":3}", JSON_WITH_ID))).isEmpty();
    }

    @Test
    void anUndocumentedStatusIsAProblem() {
        assertThat(SpecContract.get().problems(countExchange(409, "{\"error_code\":\"X\",\"error_msg\":\"m\"}", JSON_WITH_ID)))
                .anySatisfy(problem -> assertThat(problem).contains("validation.response.status.unknown"));
    }

    @Test
    void aBodyOutsideItsSchemaIsAProblem() {
        assertThat(SpecContract.get().problems(countExchange(200, "{\"data\":-1}", JSON_WITH_ID))).isNotEmpty();
        assertThat(SpecContract.get().problems(countExchange(200, "{\"count\":1}", JSON_WITH_ID))).isNotEmpty();
    }

    @Test
    void aMissingRequestIdHeaderIsAProblem() {
        assertThat(SpecContract.get().problems(countExchange(200, "{\"data\":3}",
                Map.of("Content-Type", List.of("application/json")))))
                .anySatisfy(problem -> assertThat(problem).contains("X-Request-Id"));
    }

    @Test
    void anInvalidRequestIsAProblemUnlessItWasMadeInvalidOnPurpose() {
        RecordedExchange invalid = exchange("GET", "/v1/vendor-account?limit=0", "", 400,
                "{\"error_code\":\"COC.00010002\",\"error_msg\":\"m\",\"request_id\":\"r\"}", JSON_WITH_ID, false);
        RecordedExchange onPurpose = exchange("GET", "/v1/vendor-account?limit=0", "", 400,
                "{\"error_code\":\"COC.00010002\",\"error_msg\":\"m\",\"request_id\":\"r\"}", JSON_WITH_ID, true);

        assertThat(SpecContract.get().problems(invalid)).isNotEmpty();
        assertThat(SpecContract.get().problems(onPurpose)).isEmpty();
    }

    @Test
    void anUnknownPathMustBeAnsweredWithNotFoundAndTheErrorBody() {
        RecordedExchange ok = exchange("GET", "/v1/unknown", "", 200, "{}", JSON_WITH_ID, false);

        assertThat(SpecContract.get().problems(ok)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void theExtensionFailsTheTestThatMadeANonConformingExchange() {
        assertThatThrownBy(() -> ContractValidationExtension.validate(
                List.of(countExchange(200, "{\"data\":\"three\"}", JSON_WITH_ID))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("/v1/multicloud-resources/count");
    }

    private static RecordedExchange countExchange(int status, String body, Map<String, List<String>> headers) {
        return exchange("GET", "/v1/multicloud-resources/count?vendor=OTHER", "", status, body, headers, false);
    }

    private static RecordedExchange exchange(String method, String pathAndQuery, String requestBody, int status,
            String responseBody, Map<String, List<String>> responseHeaders, boolean invalid) {
        return new RecordedExchange(method, URI.create("http://127.0.0.1:1" + pathAndQuery),
                Map.of("Accept", List.of("application/json")),
                requestBody.getBytes(StandardCharsets.UTF_8), status,
                HttpHeaders.of(responseHeaders, (a, b) -> true),
                responseBody.getBytes(StandardCharsets.UTF_8), invalid);
    }
}
