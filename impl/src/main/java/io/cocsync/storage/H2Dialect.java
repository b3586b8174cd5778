package io.cocsync.storage;

import java.nio.file.Path;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;

/**
 * H2: the embedded database in the data directory, which one server has to itself; or, rarely,
 * an H2 database at an operator's own URL.
 */
public final class H2Dialect implements Dialect {

    static final String URL_PREFIX = "jdbc:h2:";

    /**
     * How long the embedded database may keep a commit in memory before its background writer
     * stores it; answers that report a write do not wait for it ({@link GroupCommit}).
     */
    private static final int EMBEDDED_WRITE_DELAY_MILLIS = 100;

    /** H2's own SQL state for a missing parent row (PostgreSQL has one state for every foreign key). */
    private static final String PARENT_MISSING = "23506";

    private final boolean embedded;

    private H2Dialect(boolean embedded) {
        this.embedded = embedded;
    }

    /** The embedded database that the server keeps in its data directory: see {@link #embeddedUrl}. */
    public static H2Dialect embedded() {
        return new H2Dialect(true);
    }

    /** An H2 database at an operator's own URL, with the settings that URL gives it. */
    static H2Dialect atOperatorsUrl() {
        return new H2Dialect(false);
    }

    /** The URL of the embedded database in {@code dataDir}. */
    public static String embeddedUrl(Path dataDir) {
        String file = dataDir.toAbsolutePath().resolve("coc").toString();
        // FILE_LOCK=FILE keeps a second server from opening the same data directory by mistake
        return URL_PREFIX + "file:" + file + ";FILE_LOCK=FILE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY="
                + EMBEDDED_WRITE_DELAY_MILLIS;
    }

    @Override
    public String name() {
        return embedded ? "embedded H2" : "H2";
    }

    @Override
    public boolean isMissingParent(SQLException failure) {
        return PARENT_MISSING.equals(failure.getSQLState());
    }

    /** The embedded database's file is locked to one process ({@code FILE_LOCK=FILE}). */
    @Override
    public boolean usedByThisServerOnly() {
        return embedded;
    }

    /**
     * The embedded database stores its commits a little later; CHECKPOINT has it store what is
     * committed at once, as its background writer would (no fsync). An operator's own H2 URL keeps
     * H2's write delay: a crash may lose its last half second.
     */
    @Override
    public GroupCommit groupCommit(Jdbi jdbi) {
        return embedded
                ? GroupCommit.writingWith(() -> jdbi.useHandle(handle -> handle.execute("CHECKPOINT")))
                : GroupCommit.alreadyDurable();
    }
}
