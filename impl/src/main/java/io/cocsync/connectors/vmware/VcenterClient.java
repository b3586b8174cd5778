package io.cocsync.connectors.vmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.cocsync.connectors.AccountFailure;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.VendorHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One signed-in session with vCenter's Automation REST API (7.0 U2+ {@code /api} paths).
 *
 * <pre>
 * POST   /api/session   Authorization: Basic …   → 201 "session-id" (a JSON string)
 * GET    /api/…         vmware-api-session-id: … → 200 JSON; errors {"error_type", "messages"}
 * DELETE /api/session   (on close, best effort)
 * </pre>
 * vCenter ends idle or old sessions on its own; a call answered 401 signs in again once and is
 * repeated. Safe for concurrent use by the detail readers.
 */
final class VcenterClient implements AutoCloseable {

    static final String SESSION_HEADER = "vmware-api-session-id";

    /** The session was lost and a new one refused: no datacenter can be read any more. */
    static final class SessionLostException extends AccountFailure {
        private static final long serialVersionUID = 1L;

        SessionLostException(String message) {
            super(message);
        }
    }

    /** A vCenter answer that the caller judges: its status, its JSON body, and the error type if any. */
    record Answer(int status, JsonNode body) {
        String errorType() {
            return body.path("error_type").asText("");
        }
    }

    private final VendorHttp http;
    private final ObjectMapper json;
    private final String base;
    private final String basicAuth;
    private volatile String sessionId;

    private VcenterClient(VendorHttp http, ObjectMapper json, String base, String user, String password) {
        this.http = http;
        this.json = json;
        this.base = base;
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static VcenterClient signIn(VendorHttp http, ObjectMapper json, String base, String user, String password)
            throws ConnectorException, InterruptedException {
        VcenterClient client = new VcenterClient(http, json, base, user, password);
        client.sessionId = client.createSession();
        return client;
    }

    /** GET {@code path} (under the endpoint); any status but 401 goes back to the caller. */
    Answer get(String path, String what) throws ConnectorException, InterruptedException {
        String usedSession = sessionId;
        HttpResponse<byte[]> response = send(path, usedSession, what);
        if (response.statusCode() == 401) {
            response = send(path, renewSession(usedSession), what);
            if (response.statusCode() == 401) {
                throw new SessionLostException("vCenter ended the session and refused a new one (HTTP 401).");
            }
        }
        return new Answer(response.statusCode(), parse(response.body(), response.statusCode(), what));
    }

    /** GET {@code path} that must answer 200. */
    JsonNode getOk(String path, String what) throws ConnectorException, InterruptedException {
        Answer answer = get(path, what);
        if (answer.status() != 200) {
            throw unexpected(answer, what);
        }
        return answer.body();
    }

    static ConnectorException unexpected(Answer answer, String what) {
        String type = answer.errorType().isEmpty() ? "" : " " + answer.errorType();
        return new ConnectorException(what + " failed with HTTP " + answer.status() + type + ".");
    }

    /** Signs out so that the session does not count against vCenter's session limit until it times out. */
    @Override
    public void close() {
        try {
            http.send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
                    .header(SESSION_HEADER, sessionId).DELETE(), "vCenter's sign-out");
        } catch (ConnectorException e) {
            // best effort: vCenter times the session out by itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> send(String path, String session, String what)
            throws ConnectorException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "application/json")
                .header(SESSION_HEADER, session)
                .GET(), what);
    }

    /** Signs in again unless another thread already replaced the session that was refused. */
    private synchronized String renewSession(String refusedSession) throws ConnectorException, InterruptedException {
        if (refusedSession.equals(sessionId)) {
            sessionId = createSession();
        }
        return sessionId;
    }

    private String createSession() throws ConnectorException, InterruptedException {
        String what = "vCenter's sign-in";
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/session"))
                .header("Accept", "application/json")
                .header("Authorization", basicAuth)
                .POST(HttpRequest.BodyPublishers.noBody()), what);
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new SessionLostException("vCenter refused the account's credentials (HTTP " + status + ").");
        }
        JsonNode body = parse(response.body(), status, what);
        if (status == 404) {
            throw new ConnectorException("vCenter has no /api/session at the account's endpoint; the connector"
                    + " needs vCenter 7.0 U2 or later and the endpoint as its base URL.");
        }
        if (status != 200 && status != 201) {
            throw unexpected(new Answer(status, body), what);
        }
        if (!body.isTextual() || body.asText().isEmpty()) {
            throw new ConnectorException("vCenter's sign-in did not answer a session id.");
        }
        return body.asText();
    }

    private JsonNode parse(byte[] body, int status, String what) throws ConnectorException {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            if (status >= 400) {
                // an error page instead of vCenter's JSON error: the status says enough
                return MissingNode.getInstance();
            }
            throw new ConnectorException(what + " is not valid JSON.");
        }
    }
}
