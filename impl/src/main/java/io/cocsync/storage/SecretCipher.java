package io.cocsync.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secret columns with AES-256-GCM: a random 96-bit nonce per value, so equal secrets give
 * different text, and a tag that refuses any change. The stored form is {@code v1:} and Base64
 * of nonce, ciphertext and tag. The key is 32 random bytes, Base64, in an owner-only key file.
 *
 * <p>While a key rotation runs ({@link #createNextKey}, then re-sealing, then {@link
 * #promoteNextKey}), the new key waits beside the key file as {@code <key file>.next}: the
 * cipher then seals with the new key and opens with either, so that a server that runs during
 * the rotation neither fails to open a secret nor seals one with the key about to be retired.
 * It notices the files change by their identity and time, looked at before each use (two
 * {@code stat} calls, next to an AES operation and a database write).
 */
public final class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String NEXT_SUFFIX = ".next";

    private final Path file;
    private final SecureRandom random = new SecureRandom();
    private volatile Ring ring;

    /**
     * The keys as read from the files, with what identified the files then.
     *
     * @param next the key being rotated to; null outside a rotation
     */
    private record Ring(Object keyStamp, Object nextStamp, SecretKeySpec current, SecretKeySpec next) {
        SecretKeySpec sealing() {
            return next != null ? next : current;
        }
    }

    private SecretCipher(Path file) {
        this.file = file;
        this.ring = read(file);
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
        return new SecretCipher(file);
    }

    /** Where the key being rotated to waits while a rotation runs. */
    public static Path nextKeyFile(Path file) {
        return file.resolveSibling(file.getFileName() + NEXT_SUFFIX);
    }

    /**
     * Starts a rotation: writes a new key beside {@code file}, unless an earlier rotation that did
     * not finish left one (it is kept: secrets may already be sealed with it). Returns whether a
     * new key was written.
     */
    public static boolean createNextKey(Path file) {
        Path next = nextKeyFile(file);
        if (Files.exists(next)) {
            return false;
        }
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
            // written whole under another name first: a crash never leaves a half-written next key
            Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".",
                    ".partial", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(partial, Base64.getEncoder().encodeToString(fresh));
            Files.move(partial, next, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("the new key " + next + " cannot be written", e);
        }
    }

    /**
     * Ends a rotation: the new key replaces the key file in one rename, and the old key is gone.
     * Call only once every secret is sealed with the new key.
     */
    public static void promoteNextKey(Path file) {
        try {
            Files.move(nextKeyFile(file), file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("the new key cannot replace " + file, e);
        }
    }

    /** Whether {@code stored} is sealed with the key that {@link #seal} uses now (the newest). */
    public boolean isSealedWithNewest(String stored) {
        if (!stored.startsWith(PREFIX)) {
            return false;
        }
        try {
            openWith(current().sealing(), stored);
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code stored} has the form of a sealed secret (an earlier version stored secrets in clear). */
    public static boolean isSealed(String stored) {
        return stored.startsWith(PREFIX);
    }

    public String seal(String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current().sealing(), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] stored = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, stored, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has AES-GCM", e);
        }
    }

    /** The secret; fails, without the stored text, when it was not sealed under this key (or the next). */
    public String open(String stored) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("a stored secret is not sealed (no " + PREFIX + " prefix)");
        }
        Ring keys = current();
        for (SecretKeySpec key : keys.next == null ? List.of(keys.current) : List.of(keys.next, keys.current)) {
            try {
                return openWith(key, stored);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // the other key of a rotation may open it; else it fails below
            }
        }
        throw new IllegalStateException("a stored secret cannot be opened with secret-key-file: was the key"
                + " replaced?");
    }

    private static String openWith(SecretKeySpec key, String stored) throws GeneralSecurityException {
        byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
        return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
    }

    /** The keys, read again if a rotation changed the files since they were last read. */
    private Ring current() {
        Ring known = ring;
        if (Objects.equals(known.keyStamp, stamp(file)) && Objects.equals(known.nextStamp, stamp(nextKeyFile(file)))) {
            return known;
        }
        Ring fresh;
        try {
            fresh = read(file);
        } catch (IllegalArgumentException e) {
            // a rotation renamed the next key over the key file between the look and the read
            fresh = read(file);
        }
        ring = fresh;
        return fresh;
    }

    private static Ring read(Path file) {
        Path next = nextKeyFile(file);
        Object nextStamp = stamp(next);
        return new Ring(stamp(file), nextStamp, key(file), nextStamp == null ? null : key(next));
    }

    /** What identifies the file's content now (its inode and time); null when it does not exist. */
    private static Object stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            return null;
        }
    }

    private static SecretKeySpec key(Path file) {
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
        return new SecretKeySpec(key, "AES");
    }
}
