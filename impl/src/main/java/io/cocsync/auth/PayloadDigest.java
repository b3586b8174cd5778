package io.cocsync.auth;

import java.util.HexFormat;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The two hash functions Huawei's signing algorithms are built on: SHA-256 and the Chinese
 * standard SM3. Each hashes the canonical request and the body, keys the HMAC variants and, for
 * the elliptic-curve variants, derives the key from the AK/SK. Each signing algorithm names the
 * header in which a client may state its body's hash.
 */
enum PayloadDigest {
    SHA256("X-Sdk-Content-Sha256"),
    SM3("X-Sdk-Content-Sm3");

    private final String contentHeader;

    PayloadDigest(String contentHeader) {
        this.contentHeader = contentHeader;
    }

    /** The header in which a client of this digest's algorithms states the body's hash. */
    String contentHeader() {
        return contentHeader;
    }

    Digest newDigest() {
        return this == SHA256 ? new SHA256Digest() : new SM3Digest();
    }

    byte[] hash(byte[] data) {
        Digest digest = newDigest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    String hex(byte[] data) {
        return HexFormat.of().formatHex(hash(data));
    }

    byte[] hmac(byte[] key, byte[] data) {
        HMac mac = new HMac(newDigest());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }
}
