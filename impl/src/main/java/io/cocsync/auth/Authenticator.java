package io.cocsync.auth;

/** Picks the scheme the request uses: an AK/SK signature, else an {@code X-Auth-Token}. */
public final class Authenticator {

    private final AkSkVerifier signatures;
    private final TokenVerifier tokens;

    public Authenticator(AkSkVerifier signatures, TokenVerifier tokens) {
        this.signatures = signatures;
        this.tokens = tokens;
    }

    /**
     * Whether the request can be authentic, from its headers alone: a token is checked whole; a
     * signature as far as it can be without the body. Throws when the request must be refused,
     * so that nobody without credentials holds a thread while its body trickles in.
     */
    public void checkBeforeBody(SignedRequest head) throws AuthenticationException {
        String authorization = head.single("Authorization");
        String token = head.single("X-Auth-Token");
        if (authorization != null) {
            signatures.checkBeforeBody(head, authorization);
        } else if (token != null) {
            tokens.verify(token);
        } else {
            throw neither();
        }
    }

    public Caller authenticate(SignedRequest request) throws AuthenticationException {
        String authorization = request.single("Authorization");
        String token = request.single("X-Auth-Token");
        if (authorization != null) {
            return signatures.verify(request, authorization);
        }
        if (token != null) {
            return tokens.verify(token);
        }
        throw neither();
    }

    private static AuthenticationException neither() {
        return new AuthenticationException("the request has neither an Authorization signature nor an X-Auth-Token.");
    }
}
