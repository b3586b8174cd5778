package io.cocsync.http;

import io.cocsync.auth.Caller;
import jakarta.ws.rs.core.SecurityContext;

/** Carries the authenticated {@link Caller} from the authentication filter to the resources. */
final class CallerSecurityContext implements SecurityContext {

    private final Caller caller;
    private final boolean secure;

    CallerSecurityContext(Caller caller, boolean secure) {
        this.caller = caller;
        this.secure = secure;
    }

    /** The caller of an API request; a request that got this far without one is a wiring error. */
    static Caller callerOf(SecurityContext context) {
        if (context.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("an API request reached a resource without an authenticated caller");
    }

    @Override
    public Caller getUserPrincipal() {
        return caller;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return caller.name().startsWith("token:") ? "X-Auth-Token" : "SDK-HMAC-SHA256";
    }
}
