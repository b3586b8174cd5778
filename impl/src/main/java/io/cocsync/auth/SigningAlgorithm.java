package io.cocsync.auth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * The signing algorithms of Huawei's SDKs ({@code HttpConfig.withSigningAlgorithm}), each named
 * first in the {@code Authorization} header. All share the canonical request of aksk-signing.md;
 * they differ in the hash (of the body, the canonical request and, for the elliptic-curve
 * ones, the string to sign) and in how the string to sign is signed: an HMAC keyed by the SK,
 * or an ECDSA (P-256) or SM2 signature by a key pair the client derives from its AK/SK (see
 * {@link DerivedSigningKey}), which the server derives too and checks with the public half.
 */
public enum SigningAlgorithm {
    HMAC_SHA256("SDK-HMAC-SHA256", PayloadDigest.SHA256, null),
    HMAC_SM3("SDK-HMAC-SM3", PayloadDigest.SM3, null),
    ECDSA_P256_SHA256("SDK-ECDSA-P256-SHA256", PayloadDigest.SHA256, "secp256r1"),
    SM2_SM3("SDK-SM2-SM3", PayloadDigest.SM3, "sm2p256v1");

    /** Derived public keys by algorithm, AK and SK: each derivation is a scalar multiplication. */
    private static final Map<String, ECPublicKeyParameters> DERIVED = new ConcurrentHashMap<>();
    /** Enough for every key of a credentials file; past it the cache starts afresh rather than grow. */
    private static final int MAX_DERIVED = 4096;

    private final String headerName;
    private final PayloadDigest digest;
    private final ECDomainParameters curve;

    SigningAlgorithm(String headerName, PayloadDigest digest, String curveName) {
        this.headerName = headerName;
        this.digest = digest;
        this.curve = curveName == null ? null : DerivedSigningKey.domain(curveName);
    }

    /** The name that starts the Authorization header and the string to sign. */
    public String headerName() {
        return headerName;
    }

    public static Optional<SigningAlgorithm> byHeaderName(String name) {
        return Arrays.stream(values()).filter(algorithm -> algorithm.headerName.equals(name)).findFirst();
    }

    /** Whether the signature is an HMAC (exactly one digest's length) rather than a DER-encoded (r, s) pair. */
    boolean isHmac() {
        return curve == null;
    }

    /** The header in which a client of this algorithm states its body's hash; never taken on trust. */
    public String contentHeader() {
        return digest.contentHeader();
    }

    /** Lower-case hex hash of the bytes, as the payload hash and the canonical request's hash are. */
    public String hashHex(byte[] bytes) {
        return digest.hex(bytes);
    }

    public String stringToSign(String sdkDate, String canonicalRequest) {
        return headerName + '\n' + sdkDate + '\n' + hashHex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code signature} signs {@code stringToSign} with the AK/SK (constant time for the HMACs). */
    boolean verifies(String ak, String sk, String stringToSign, byte[] signature) {
        byte[] data = stringToSign.getBytes(StandardCharsets.UTF_8);
        if (isHmac()) {
            return MessageDigest.isEqual(digest.hmac(sk.getBytes(StandardCharsets.UTF_8), data), signature);
        }
        ECPublicKeyParameters key = publicKey(ak, sk);
        return this == SM2_SM3 ? sm2Verifies(key, data, signature) : ecdsaVerifies(key, data, signature);
    }

    /** The HMAC that signs {@code stringToSign}, for the HMAC algorithms (tests and clients that sign). */
    public byte[] hmac(String sk, String stringToSign) {
        if (!isHmac()) {
            throw new IllegalStateException(headerName + " is not an HMAC");
        }
        return digest.hmac(sk.getBytes(StandardCharsets.UTF_8), stringToSign.getBytes(StandardCharsets.UTF_8));
    }

    private ECPublicKeyParameters publicKey(String ak, String sk) {
        if (DERIVED.size() > MAX_DERIVED) {
            DERIVED.clear();
        }
        String cacheKey = name() + '\n' + ak + '\n' + sk;
        return DERIVED.computeIfAbsent(cacheKey,
                ignored -> DerivedSigningKey.publicKey(headerName, digest, curve, ak, sk));
    }

    private boolean ecdsaVerifies(ECPublicKeyParameters key, byte[] data, byte[] signature) {
        BigInteger[] rs;
        try {
            rs = StandardDSAEncoding.INSTANCE.decode(curve.getN(), signature);
        } catch (java.io.IOException | IllegalArgumentException malformed) {
            return false;
        }
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, key);
        return signer.verifySignature(digest.hash(data), rs[0], rs[1]);
    }

    private static boolean sm2Verifies(ECPublicKeyParameters key, byte[] data, byte[] signature) {
        SM2Signer signer = new SM2Signer();
        signer.init(false, key);
        signer.update(data, 0, data.length);
        try {
            return signer.verifySignature(signature);
        } catch (RuntimeException malformed) {
            return false;
        }
    }
}
