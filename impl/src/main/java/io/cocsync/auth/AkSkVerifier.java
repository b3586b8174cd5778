package io.cocsync.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Verifies an AK/SK signature (aksk-signing.md, with any of the algorithms of
 * {@link SigningAlgorithm}) and tells who signed.
 *
 * <p>The work is split in two so that a request that cannot be authentic is refused before its
 * body is read: {@link #checkBeforeBody} needs the headers only (a well-formed Authorization,
 * a date in the window, every signed header present, an AK known, enabled and not locked, no
 * unsigned payload asked for); {@link #verify} does the same and then checks the signature over
 * the body received. The payload hash in the canonical request is always the hash of the bytes
 * received: a stated hash ({@code X-Sdk-Content-Sha256}, {@code X-Sdk-Content-Sm3}) is only
 * compared with it, so a captured signature cannot be replayed with another body.
 */
public final class AkSkVerifier {

    public static final Duration DATE_WINDOW = Duration.ofMinutes(15);
    static final DateTimeFormatter SDK_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final CredentialStore credentials;
    private final AkLockout lockout;
    private final Clock clock;

    public AkSkVerifier(CredentialStore credentials, AkLockout lockout, Clock clock) {
        this.credentials = credentials;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** The signer's key and what it signed, once the headers have shown nothing that rules the request out. */
    record Admitted(AuthorizationHeader header, Credentials.AccessKey key, String sdkDate) {}

    /** Everything that can be checked without the body; throws when the request cannot be authentic. */
    public Admitted checkBeforeBody(SignedRequest request, String authorization) throws AuthenticationException {
        AuthorizationHeader header = AuthorizationHeader.parse(authorization);
        String sdkDate = request.single("X-Sdk-Date");
        if (sdkDate == null) {
            throw new AuthenticationException("the X-Sdk-Date header is missing.");
        }
        checkDate(sdkDate);
        for (String name : header.signedHeaders()) {
            if (request.header(name) == null) {
                throw new AuthenticationException("the signed header " + name + " is not in the request.");
            }
        }
        for (PayloadDigest digest : PayloadDigest.values()) {
            if (CanonicalRequest.UNSIGNED_PAYLOAD.equalsIgnoreCase(request.single(digest.contentHeader()))) {
                throw new AuthenticationException(digest.contentHeader() + ": " + CanonicalRequest.UNSIGNED_PAYLOAD
                        + " is not accepted: the signature must cover the body, so sign its hash.");
            }
        }
        Credentials.AccessKey key = credentials.find(known -> known.accessKeys().get(header.accessKey()));
        if (key == null) {
            throw new AuthenticationException("ak " + header.accessKey() + " not exist.");
        }
        if (!key.enabled()) {
            throw new AuthenticationException("ak " + header.accessKey() + " is disabled.");
        }
        checkNotLocked(key.ak());
        return new Admitted(header, key, sdkDate);
    }

    public Caller verify(SignedRequest request, String authorization) throws AuthenticationException {
        Admitted admitted = checkBeforeBody(request, authorization);
        AuthorizationHeader header = admitted.header();
        SigningAlgorithm algorithm = header.algorithm();
        String payloadHash = algorithm.hashHex(request.body());
        for (PayloadDigest digest : PayloadDigest.values()) {
            String stated = request.single(digest.contentHeader());
            if (stated != null && !stated.equalsIgnoreCase(digest.hex(request.body()))) {
                throw new AuthenticationException(digest.contentHeader()
                        + " does not match the hash of the body received: the body is not the one signed.");
            }
        }
        String stringToSign = algorithm.stringToSign(admitted.sdkDate(),
                CanonicalRequest.of(request, header.signedHeaders(), payloadHash));
        Credentials.AccessKey key = admitted.key();
        if (!algorithm.verifies(key.ak(), key.sk(), stringToSign, header.signatureBytes())) {
            lockout.failed(key.ak());
            checkNotLocked(key.ak());
            throw new AuthenticationException("verify aksk signature fail.");
        }
        lockout.succeeded(key.ak());
        return new Caller(key.ak(), key.domainId(), key.actions());
    }

    private void checkDate(String sdkDate) throws AuthenticationException {
        Instant signedAt;
        try {
            signedAt = Instant.from(SDK_DATE.parse(sdkDate));
        } catch (DateTimeParseException e) {
            throw new AuthenticationException("X-Sdk-Date is not like 20261122T083600Z.");
        }
        Duration skew = Duration.between(clock.instant(), signedAt).abs();
        if (skew.compareTo(DATE_WINDOW) > 0) {
            throw new AuthenticationException("signature expired: X-Sdk-Date is more than "
                    + DATE_WINDOW.toMinutes() + " minutes away from the server time.");
        }
    }

    private void checkNotLocked(String ak) throws AuthenticationException {
        var until = lockout.lockedUntil(ak);
        if (until.isPresent()) {
            throw new AuthenticationException("ak " + ak + " is locked after " + AkLockout.THRESHOLD
                    + " failed signature checks, until " + until.get().truncatedTo(ChronoUnit.SECONDS) + ".");
        }
    }
}
