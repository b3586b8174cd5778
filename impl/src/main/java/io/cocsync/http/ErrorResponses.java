package io.cocsync.http;

import io.cocsync.api.server.model.ErrorResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds the documented error body; the request id is filled in by {@link RequestIdFilter}. */
final class ErrorResponses {

    private ErrorResponses() {}

    static Response of(ErrorCode code, String message) {
        return of(code, code.status(), message);
    }

    static Response of(ErrorCode code, int status, String message) {
        ErrorResponse body = new ErrorResponse().errorCode(code.code()).errorMsg(message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
