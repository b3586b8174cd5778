package io.cocsync.auth;

import java.security.Principal;
import java.util.Set;

/**
 * An authenticated caller: who (an AK, or a token's hash prefix), its domain, and what it may do.
 *
 * @param name the AK, or {@code token:} and the first characters of the token's hash; never a secret
 */
public record Caller(String name, String domainId, Set<Action> actions) implements Principal {

    public Caller {
        actions = Set.copyOf(actions);
    }

    @Override
    public String getName() {
        return name;
    }

    public boolean may(Action action) {
        return actions.contains(action);
    }
}
