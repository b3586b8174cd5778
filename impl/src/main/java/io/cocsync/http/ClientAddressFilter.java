package io.cocsync.http;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import org.eclipse.jetty.server.Request;

/**
 * Puts the client's address (the peer of the connection, as {@link ClientBounds} counts it;
 * never a header the client wrote) into the request property {@link ClientBounds#CLIENT_ADDRESS},
 * where the audit log finds it. Jersey's Jetty container keeps its own request properties apart
 * from Jetty's attributes, so the address is read from the Jetty request that it injects.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 90)
public final class ClientAddressFilter implements ContainerRequestFilter {

    @Inject
    private Provider<Request> jettyRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(ClientBounds.CLIENT_ADDRESS, Request.getRemoteAddr(jettyRequest.get()));
    }
}
