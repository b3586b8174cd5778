package io.cocsync.server;

import io.cocsync.http.RequestIdFilter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that the container answers before the application sees the request (an unparsable
 * request line, headers too large, a URI too long, an ambiguous or badly encoded path) get the
 * API's JSON error body and an {@code X-Request-Id} too, never an HTML page: the caller's own id
 * when it sent a valid one, as the application does. They also carry {@code Connection: close}:
 * after a request it could not read, the server closes the connection, and a keep-alive client
 * must know not to send its next request on it.
 */
final class JsonErrorHandler extends ErrorHandler {

    /** Jetty writes error pages only for GET, POST and HEAD by default; the API has PUT and DELETE too. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message,
            Throwable cause, Callback callback) {
        String requestId = RequestIdFilter.requestIdOf(request.getHeaders().get(RequestIdFilter.HEADER));
        if (code == 414 || code == 431) {
            // a URI or headers past the server's limits is bad input like any other; every
            // operation documents 400 for it, none documents these two statuses
            response.setStatus(400);
            writeError(response, requestId, "COC.00010002",
                    "The request's URI or headers are longer than this server accepts.", callback);
            return;
        }
        String errorCode = switch (code) {
            case 404 -> "COC.00010404";
            case 405 -> "COC.00010405";
            case 413 -> "COC.00010413";
            case 415 -> "COC.00010415";
            default -> code >= 500 ? "COC.00010500" : "COC.00010002";
        };
        writeError(response, requestId, errorCode, "The request was refused by the HTTP server (HTTP " + code + ").",
                callback);
    }

    private static void writeError(Response response, String requestId, String errorCode, String message,
            Callback callback) {
        String body = "{\"error_code\":\"" + errorCode + "\",\"error_msg\":\"" + message
                + "\",\"request_id\":\"" + requestId + "\"}";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(RequestIdFilter.HEADER, requestId);
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
