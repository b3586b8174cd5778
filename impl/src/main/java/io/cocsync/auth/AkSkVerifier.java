package io.cocsync.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Verifies an SDK-HMAC-SHA256 signature (aksk-signing.md) and tells who signed. */
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

    public Caller verify(SignedRequest request, String authorization) throws AuthenticationException {
        AuthorizationHeader header = AuthorizationHeader.parse(authorization);
        String sdkDate = request.header("X-Sdk-Date");
        if (sdkDate == null) {
            throw new AuthenticationException("the X-Sdk-Date header is missing.");
        }
        checkDate(sdkDate);
        for (String name : header.signedHeaders()) {
            if (request.header(name) == null) {
                throw new AuthenticationException("the signed header " + name + " is not in the request.");
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
        String payloadHash = request.header("X-Sdk-Content-Sha256");
        if (payloadHash == null) {
            payloadHash = CanonicalRequest.sha256Hex(request.body());
        }
        String expected = CanonicalRequest.signature(key.sk(), CanonicalRequest.stringToSign(sdkDate,
                CanonicalRequest.of(request, header.signedHeaders(), payloadHash)));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                header.signature().getBytes(StandardCharsets.US_ASCII))) {
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
