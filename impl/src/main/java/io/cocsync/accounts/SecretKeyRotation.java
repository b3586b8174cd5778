package io.cocsync.accounts;

import io.cocsync.storage.SecretCipher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Re-seals every stored vendor secret with a new key and retires the old one, in steps that a
 * crash may interrupt anywhere and a second run completes:
 * <ol>
 * <li>A new key is written beside the key file ({@link SecretCipher#createNextKey}), or the one
 * that an interrupted run left is kept. From then on every secret opens with one of the two.
 * <li>Each secret that the new key does not open is re-sealed with it, one row at a time, and
 * only if the row still holds what was read (a running server may change it meanwhile). Passes
 * repeat until one finds nothing left to re-seal.
 * <li>The new key replaces the key file in one rename; the old key is gone.
 * </ol>
 * Servers that run meanwhile on the same key file (a shared database) seal with the new key as
 * soon as it exists and open with either, so no sync loses its secret.
 */
public final class SecretKeyRotation {

    /** Passes after which rows still being re-sealed by others mean something else is wrong. */
    private static final int MAX_PASSES = 10;

    /** A test's way to interrupt the rotation after a number of re-sealed rows, as a crash would. */
    @FunctionalInterface
    public interface AfterReseal {
        void resealed(int rowsSoFar);
    }

    /**
     * @param resealed rows whose secret was re-sealed with the new key
     * @param alreadyNew rows that an interrupted earlier run had already re-sealed
     * @param freshKey whether this run wrote the new key (false: it completed an interrupted rotation)
     */
    public record Result(int resealed, int alreadyNew, boolean freshKey) {}

    private final Jdbi jdbi;
    private final Path keyFile;

    public SecretKeyRotation(Jdbi jdbi, Path keyFile) {
        this.jdbi = jdbi;
        this.keyFile = keyFile;
    }

    public Result rotate() {
        return rotate(rows -> { });
    }

    public Result rotate(AfterReseal afterReseal) {
        if (!Files.isRegularFile(keyFile)) {
            throw new IllegalStateException("secret-key-file " + keyFile + " does not exist: there is no key to rotate");
        }
        boolean freshKey = SecretCipher.createNextKey(keyFile);
        SecretCipher cipher = SecretCipher.fromKeyFile(keyFile);
        int resealed = 0;
        int alreadyNew = -1;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            int resealedThisPass = 0;
            int newThisPass = 0;
            int oldThisPass = 0;
            for (Map.Entry<String, String> row : secrets()) {
                if (cipher.isSealedWithNewest(row.getValue())) {
                    newThisPass++;
                    continue;
                }
                oldThisPass++;
                String plain = SecretCipher.isSealed(row.getValue()) ? cipher.open(row.getValue()) : row.getValue();
                if (replace(row.getKey(), row.getValue(), cipher.seal(plain))) {
                    resealedThisPass++;
                    afterReseal.resealed(resealed + resealedThisPass);
                }
            }
            resealed += resealedThisPass;
            alreadyNew = alreadyNew < 0 ? newThisPass : alreadyNew;
            if (oldThisPass == 0) {
                SecretCipher.promoteNextKey(keyFile);
                return new Result(resealed, alreadyNew, freshKey);
            }
        }
        throw new IllegalStateException("vendor secrets kept changing under the rotation; run it again");
    }

    private List<Map.Entry<String, String>> secrets() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id, sk FROM vendor_account WHERE sk IS NOT NULL")
                .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("sk")))
                .list());
    }

    /** Replaces one row's secret if it still holds {@code was}: a concurrent change wins, the next pass retries. */
    private boolean replace(String id, String was, String sealed) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE vendor_account SET sk = :sealed WHERE id = :id AND sk = :was")
                .bind("sealed", sealed)
                .bind("id", id)
                .bind("was", was)
                .execute()) == 1;
    }
}
