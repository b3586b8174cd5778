package io.cocsync.backup;

import io.cocsync.storage.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Online backups of the embedded H2 database and restores from them. H2's {@code BACKUP TO}
 * copies the store as one transaction sees it: what was committed when it began, nothing of a
 * sync that is still reading (its pages are one uncommitted transaction), while syncs and
 * requests go on. A backup holds the database only: neither the key that seals the vendor
 * secrets nor the credentials file, so that a copied backup opens no vendor account by itself.
 */
public final class Backups {

    /** The database's name in the data directory: {@code coc.mv.db}, as {@link Database#embedded} names it. */
    private static final String DATABASE_NAME = "coc";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Database database;
    private final Path directory;
    private final Clock clock;

    /** Backups of {@code database} into {@code directory} (created when first needed), named by time. */
    public Backups(Database database, Path directory, Clock clock) {
        this.database = database;
        this.directory = directory;
        this.clock = clock;
    }

    /** Writes a new backup into the backup directory and returns its file. */
    public Path backUp() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("the backup directory " + directory + " cannot be created", e);
        }
        Path file = directory.resolve("coc-" + STAMP.format(clock.instant()) + ".zip");
        for (int n = 2; Files.exists(file); n++) {
            file = directory.resolve("coc-" + STAMP.format(clock.instant()) + "-" + n + ".zip");
        }
        return backUpTo(database, file);
    }

    /**
     * Writes a consistent backup of the open embedded {@code database} to {@code file}: first
     * under a temporary name, renamed when complete, so a file of that name is always whole.
     */
    public static Path backUpTo(Database database, Path file) {
        Path target = file.toAbsolutePath();
        if (Files.exists(target)) {
            throw new IllegalArgumentException("the backup file " + target + " already exists");
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            // the path is the operator's or the server's own, never a request's: quoting is for odd names
            String literal = partial.toString().replace("'", "''");
            database.jdbi().useHandle(handle -> handle.execute("BACKUP TO '" + literal + "'"));
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("the backup " + target + " cannot be written", e);
        }
    }

    /**
     * Rebuilds the database of {@code dataDir} from {@code backup}. The data directory must not
     * hold a database yet: a restore never overwrites one.
     */
    public static void restore(Path backup, Path dataDir) {
        if (!Files.isRegularFile(backup)) {
            throw new IllegalArgumentException("the backup file " + backup + " does not exist");
        }
        Path existing = dataDir.resolve(DATABASE_NAME + ".mv.db");
        if (Files.exists(existing)) {
            throw new IllegalArgumentException("data-dir " + dataDir + " already holds a database (" + existing
                    + "): restore into an empty directory");
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("data-dir " + dataDir + " cannot be created", e);
        }
        Database.restoreEmbedded(backup, dataDir, DATABASE_NAME);
        if (!Files.isRegularFile(existing)) {
            throw new IllegalArgumentException("the file " + backup + " holds no backup of this server's database");
        }
    }
}
