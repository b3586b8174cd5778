package io.cocsync.auth;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * The public half of the elliptic-curve key that Huawei's SDK derives from an AK/SK for its
 * SDK-ECDSA-P256-SHA256 and SDK-SM2-SM3 algorithms, so that the server can verify what the
 * client signed with the private half.
 *
 * <p>The derivation is the counter-mode KDF of NIST SP 800-108 with the algorithm's HMAC keyed
 * by the SK: for counter = 0, 1, ... the input is {@code 00000001 || algorithm name || 00 ||
 * AK || counter byte || 00000100} (a 256-bit output), zero-padded to the name's length plus
 * 30 bytes (the SDK hashes its whole buffer, sized for a 20-character AK), and the first output
 * that is at most n - 2 (n the curve's order) plus one is the private scalar d. The public key
 * is d·G.
 */
final class DerivedSigningKey {

    private DerivedSigningKey() {}

    static ECDomainParameters domain(String curveName) {
        X9ECParameters curve = CustomNamedCurves.getByName(curveName);
        return new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
    }

    static ECPublicKeyParameters publicKey(String algorithmName, PayloadDigest digest, ECDomainParameters domain,
            String ak, String sk) {
        BigInteger d = privateScalar(algorithmName, digest, domain.getN(), ak, sk);
        return new ECPublicKeyParameters(domain.getG().multiply(d).normalize(), domain);
    }

    private static BigInteger privateScalar(String algorithmName, PayloadDigest digest, BigInteger order, String ak,
            String sk) {
        BigInteger bound = order.subtract(BigInteger.TWO);
        byte[] key = sk.getBytes(StandardCharsets.UTF_8);
        for (int counter = 0; counter <= 0xff; counter++) {
            ByteArrayOutputStream input = new ByteArrayOutputStream();
            input.writeBytes(new byte[] {0, 0, 0, 1});
            input.writeBytes(algorithmName.getBytes(StandardCharsets.UTF_8));
            input.write(0);
            input.writeBytes(ak.getBytes(StandardCharsets.UTF_8));
            input.write(counter);
            input.writeBytes(new byte[] {0, 0, 1, 0});
            while (input.size() < algorithmName.length() + 30) {
                input.write(0);
            }
            BigInteger candidate = new BigInteger(1, digest.hmac(key, input.toByteArray()));
            if (candidate.compareTo(bound) <= 0) {
                return candidate.add(BigInteger.ONE);
            }
        }
        // 256 outputs in a row above n - 2 has a probability below 2^-8000: not a case to handle
        throw new IllegalStateException("no key could be derived for AK " + ak);
    }
}
