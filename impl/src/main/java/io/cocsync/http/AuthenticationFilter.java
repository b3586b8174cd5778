package io.cocsync.http;

import io.cocsync.audit.AuditLog;
import io.cocsync.auth.AuthenticationException;
import io.cocsync.auth.Authenticator;
import io.cocsync.auth.Caller;
import io.cocsync.auth.SignedRequest;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Set;

/**
 * Authenticates every request except health, metrics and the API documentation, before anything parses the body.
 * First, from the headers alone, it decides whether the request can be authentic at all (see
 * {@link Authenticator#checkBeforeBody}) and refuses it at once if not, so that a client without
 * credentials never holds a worker thread while its body trickles in. Then it reads the body once
 * (through the size limit, which runs first), verifies the signature or token over it, and hands
 * the same bytes on. Failures answer 401 {@code APIG.0301}, and each is an audit line.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {

    private static final Set<String> PUBLIC_PATHS =
            Set.of("metrics", "openapi.yaml", "openapi.json", "docs");

    private final Authenticator authenticator;
    private final long maxBodyBytes;
    private final AuditLog audit;

    public AuthenticationFilter(Authenticator authenticator, long maxBodyBytes, AuditLog audit) {
        this.authenticator = authenticator;
        this.maxBodyBytes = maxBodyBytes;
        this.audit = audit;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (isPublic(request.getUriInfo().getPath())) {
            return;
        }
        try {
            authenticator.checkBeforeBody(signedRequest(request, new byte[0]));
        } catch (AuthenticationException e) {
            throw closingIfBodyUnread(request, refused(request, e));
        }
        byte[] body = readBody(request);
        Caller caller;
        try {
            caller = authenticator.authenticate(signedRequest(request, body));
        } catch (AuthenticationException e) {
            throw refused(request, e);
        }
        if (!RequestSyntaxFilter.isUtf8(body)) {
            // the JSON parser would take an overlong form (C0 AF for '/') as a character
            throw new WebApplicationException(ErrorResponses.of(ErrorCode.INVALID_PARAMETER,
                    "The request body is not well-formed UTF-8."));
        }
        request.setEntityStream(new ByteArrayInputStream(body));
        request.setSecurityContext(new CallerSecurityContext(caller, request.getSecurityContext().isSecure()));
    }

    /** The request as its signer saw it: the raw path and query as sent, signed before any decoding. */
    private static SignedRequest signedRequest(ContainerRequestContext request, byte[] body) {
        URI uri = request.getUriInfo().getRequestUri();
        return new SignedRequest(request.getMethod(), uri.getRawPath(), uri.getRawQuery(), request.getHeaders(), body);
    }

    /** The 401, after an audit line that names the caller by its AK or token hash prefix, never by a secret. */
    private WebApplicationException refused(ContainerRequestContext request, AuthenticationException e) {
        audit.event("authentication_refused")
                .with("subject", ClaimedCaller.of(request.getHeaders()))
                .with("reason", e.getMessage())
                .with("client", String.valueOf(request.getProperty(ClientBounds.CLIENT_ADDRESS)))
                .with("request_id", String.valueOf(request.getProperty(RequestIdFilter.PROPERTY)))
                .write();
        return new WebApplicationException(ErrorResponses.of(ErrorCode.AUTHENTICATION_FAILED, e.getMessage()));
    }

    /**
     * A refusal answered before the body was read says {@code Connection: close} when a body was
     * announced: the server closes such a connection rather than read a body it will not use, and
     * a client told so opens a new connection for its next request instead of sending it on one
     * that is about to close (which it would see as an answer of no bytes at all).
     */
    private static WebApplicationException closingIfBodyUnread(ContainerRequestContext request,
            WebApplicationException refusal) {
        boolean bodyAnnounced = request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
        if (!bodyAnnounced) {
            return refusal;
        }
        return new WebApplicationException(jakarta.ws.rs.core.Response.fromResponse(refusal.getResponse())
                .header("Connection", "close").build());
    }

    /**
     * Health and metrics answer load balancers and scrapers, which carry no credentials; the API
     * documentation is the published spec. Everything else, the API above all, is authenticated.
     */
    private static boolean isPublic(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return PUBLIC_PATHS.contains(relative) || relative.startsWith("health/") || relative.startsWith("docs/");
    }

    private byte[] readBody(ContainerRequestContext request) {
        try {
            return readFully(request.getEntityStream());
        } catch (BodySizeLimitFilter.BodyTooLargeException e) {
            throw BodySizeLimitFilter.tooLarge(maxBodyBytes);
        } catch (BodyReadDeadline.TooSlowException e) {
            throw new WebApplicationException(ErrorResponses.of(ErrorCode.INVALID_PARAMETER, e.getMessage()));
        } catch (IOException e) {
            // the client stalled past the idle timeout or went away: its fault, not the server's
            throw new WebApplicationException(ErrorResponses.of(ErrorCode.INVALID_PARAMETER,
                    "The request body could not be read completely (the client stopped sending it)."));
        }
    }

    /**
     * The whole stream. A first read tells an empty body (every GET) without the 8 KiB buffer that
     * readAllBytes allocates up front, which was a large share of the garbage under API load.
     */
    private static byte[] readFully(InputStream body) throws IOException {
        int first = body.read();
        if (first < 0) {
            return new byte[0];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(first);
        body.transferTo(bytes);
        return bytes.toByteArray();
    }
}
