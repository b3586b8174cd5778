package io.cocsync.auth;

/** Picks the scheme the request uses: an AK/SK signature, else an {@code X-Auth-Token}. */
public final class Authenticator {

    private final AkSkVerifier signatures;
    private final TokenVerifier tokens;

    public Authenticator(AkSkVerifier signatures, TokenVerifier tokens) {
        this.signatures = signatures;
        this.tokens = tokens;
    }

    public Caller authenticate(SignedRequest request) throws AuthenticationException {
        String authorization = request.header("Authorization");
        if (authorization != null) {
            return signatures.verify(request, authorization);
        }
        String token = request.header("X-Auth-Token");
        if (token != null) {
            return tokens.verify(token);
        }
        throw new AuthenticationException(
                "the request has neither an Authorization signature nor an X-Auth-Token.");
    }
}
