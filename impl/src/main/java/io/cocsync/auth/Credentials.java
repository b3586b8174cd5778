package io.cocsync.auth;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** One reading of the credentials file: access keys by AK and tokens by the hex SHA-256 of the token. */
public record Credentials(Map<String, AccessKey> accessKeys, Map<String, Token> tokens) {

    public Credentials {
        accessKeys = Map.copyOf(accessKeys);
        tokens = Map.copyOf(tokens);
    }

    /** An AK/SK pair with its domain and grants. */
    public record AccessKey(String ak, String sk, String domainId, Set<Action> actions, boolean enabled) {
        public AccessKey {
            actions = Set.copyOf(actions);
        }

        @Override
        public String toString() {
            return "AccessKey[ak=" + ak + ", domainId=" + domainId + ", enabled=" + enabled + "]";
        }
    }

    /** An operator-issued token, known only by its hash, with its domain, grants and expiry. */
    public record Token(String sha256, String domainId, Set<Action> actions, Instant expires) {
        public Token {
            actions = Set.copyOf(actions);
        }
    }
}
