package io.cocsync.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocsync.conformance.http.Answer;
import io.cocsync.conformance.http.ApiError;

/** The assertions every check makes of an answer: a success with its data, or a documented refusal. */
public final class Expect {

    private Expect() {
    }

    /** Asserts a 200 answer and returns its {@code data}. */
    public static JsonNode ok(Answer answer, String what) {
        assertThat(answer.status()).as("status of %s: %s", what, answer).isEqualTo(200);
        return answer.data();
    }

    /** Asserts the refusal's status, error code, error body and request id header. */
    public static ApiError error(Answer answer, int status, String errorCode) {
        return error(answer.error(), status, errorCode);
    }

    /** Asserts the refusal's status, error code, error body and request id header. */
    public static ApiError error(ApiError error, int status, String errorCode) {
        assertThat(error.status()).as("status of %s", error).isEqualTo(status);
        assertThat(error.errorCode()).as("error_code of %s", error).isEqualTo(errorCode);
        assertThat(error.errorMsg()).as("error_msg of %s", error).isNotBlank();
        assertThat(error.requestId()).as("request_id of %s", error).isNotBlank();
        assertThat(error.headerRequestId()).as("X-Request-Id header of %s", error).isNotBlank();
        return error;
    }

    /** Asserts that the request, sent deliberately invalid, is refused with COC.00010002. */
    public static void invalid(Answer answer, String what) {
        assertThat(answer.status()).as("answer to %s: %s", what, answer).isEqualTo(400);
        error(answer, 400, "COC.00010002");
    }
}
