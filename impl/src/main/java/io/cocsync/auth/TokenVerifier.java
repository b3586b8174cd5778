package io.cocsync.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** Verifies an {@code X-Auth-Token} against the hashes of the issued tokens. */
public final class TokenVerifier {

    private final CredentialStore credentials;
    private final Clock clock;

    public TokenVerifier(CredentialStore credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    public Caller verify(String token) throws AuthenticationException {
        // looking up by hash compares hashes, not the token: its timing tells nothing about a valid token
        String hash = CanonicalRequest.sha256Hex(token.getBytes(StandardCharsets.UTF_8));
        Credentials.Token issued = credentials.find(known -> known.tokens().get(hash));
        if (issued == null) {
            throw new AuthenticationException("the X-Auth-Token is not a token this server issued.");
        }
        if (!clock.instant().isBefore(issued.expires())) {
            throw new AuthenticationException("the X-Auth-Token expired at " + issued.expires() + ".");
        }
        return new Caller("token:" + hash.substring(0, 8), issued.domainId(), issued.actions());
    }
}
