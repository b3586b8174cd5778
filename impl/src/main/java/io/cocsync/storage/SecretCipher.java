package io.cocsync.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secret columns with AES-256-GCM: a random 96-bit nonce per value, so equal secrets give
 * different text, and a tag that refuses any change. The stored form is {@code v1:} and Base64
 * of nonce, ciphertext and tag. The key is 32 random bytes, Base64, in an owner-only key file.
 */
public final class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private SecretCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** Reads the key file, creating it with a new key (readable by its owner only) when it does not exist. */
    public static SecretCipher fromKeyFile(Path file) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
        } catch (FileAlreadyExistsException e) {
            // the operator's key, or ours from an earlier start
        } catch (IOException e) {
            throw new UncheckedIOException("secret-key-file " + file + " cannot be created", e);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Files.readString(file).trim());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("secret-key-file " + file + " cannot be read as Base64: "
                    + e.getMessage());
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("secret-key-file " + file + " must hold 32 bytes in Base64, not "
                    + key.length);
        }
        return new SecretCipher(key);
    }

    public String seal(String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] stored = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, stored, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has AES-GCM", e);
        }
    }

    /** The secret; fails, without the stored text, when it was not sealed under this key. */
    public String open(String stored) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("a stored secret is not sealed (no " + PREFIX + " prefix)");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored secret cannot be opened with secret-key-file: was the key"
                    + " replaced?");
        }
    }
}
