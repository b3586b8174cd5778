package io.cocsync.http;

import jakarta.ws.rs.core.Response.Status;

/** The error codes of the API (the table in the spec's description) with their HTTP status. */
public enum ErrorCode {
    INVALID_PARAMETER("COC.00010002", 400),
    VENDOR_ACCOUNT_NOT_FOUND("COC.00101102", 400),
    VENDOR_ACCOUNT_EXISTS("COC.00101103", 409),
    VENDOR_ACCOUNT_BUSY("COC.00101104", 409),
    NOT_FOUND("COC.00010404", 404),
    METHOD_NOT_ALLOWED("COC.00010405", 405),
    PAYLOAD_TOO_LARGE("COC.00010413", 413),
    UNSUPPORTED_MEDIA_TYPE("COC.00010415", 415),
    AUTHENTICATION_FAILED("APIG.0301", 401),
    FORBIDDEN("APIG.0302", 403),
    TOO_MANY_REQUESTS("COC.00010429", 429),
    SERVICE_UNAVAILABLE("COC.00010503", 503),
    INTERNAL_ERROR("COC.00010500", 500);

    private final String code;
    private final int status;

    ErrorCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** The code for a status that Jersey or the container chose. */
    static ErrorCode forStatus(int status) {
        return switch (status) {
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? INTERNAL_ERROR : INVALID_PARAMETER;
        };
    }

    static String reason(int status) {
        Status known = Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }
}
