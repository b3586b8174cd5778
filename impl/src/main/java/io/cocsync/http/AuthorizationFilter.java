package io.cocsync.http;

import io.cocsync.audit.AuditLog;
import io.cocsync.auth.Action;
import io.cocsync.auth.Caller;
import io.cocsync.auth.OperationActions;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;

/**
 * Refuses an authenticated caller the operations outside its grants with 403 {@code APIG.0302}.
 * An operation missing from {@link OperationActions} is refused to everyone: deny by default.
 */
@Priority(Priorities.AUTHORIZATION)
public final class AuthorizationFilter implements ContainerRequestFilter {

    @Context
    private ResourceInfo resource;
    private final AuditLog audit;

    public AuthorizationFilter(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof Caller caller)) {
            return; // a public path (health, metrics): the authentication filter let it through
        }
        String operationId = Operations.idOf(resource.getResourceMethod());
        Action action = OperationActions.of(operationId).orElseThrow(() -> forbidden(request, caller, operationId,
                "The operation " + operationId + " has no permission assigned and is refused."));
        if (!caller.may(action)) {
            throw forbidden(request, caller, action.iamName(),
                    "The caller is not permitted to perform " + action.iamName() + ".");
        }
    }

    private WebApplicationException forbidden(ContainerRequestContext request, Caller caller, String action,
            String message) {
        audit.event("forbidden")
                .with("caller", caller.name())
                .with("domain_id", caller.domainId())
                .with("action", action)
                .with("client", String.valueOf(request.getProperty(ClientBounds.CLIENT_ADDRESS)))
                .with("request_id", String.valueOf(request.getProperty(RequestIdFilter.PROPERTY)))
                .write();
        return new WebApplicationException(ErrorResponses.of(ErrorCode.FORBIDDEN, message));
    }
}
