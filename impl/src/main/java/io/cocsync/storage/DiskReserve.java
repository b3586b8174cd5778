package io.cocsync.storage;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What keeps the embedded database usable when its file system fills. H2 closes a database whose
 * write failed; the next connection opens it again, which needs a little space, and so does
 * recording that the sync which filled the disk failed. So a reserve file of a set size waits in
 * the data directory: the first "no space left" gives it up, and from then on the disk counts as
 * full, writes are refused (the API answers 503) and reads go on. Once the file system has room
 * for the reserve twice over (the operator freed space), the reserve is taken back and writes
 * resume, without a restart.
 *
 * <p>It sees every failure of the pool's connections ({@link SQLExceptionOverride}), and has the
 * pool drop the connections of a database that H2 closed, so that the next ones reopen it.
 */
public final class DiskReserve implements SQLExceptionOverride {

    private static final Logger LOG = LoggerFactory.getLogger(DiskReserve.class);
    /** H2: the database was closed (after a write failed): its connections are of no further use. */
    private static final int H2_DATABASE_CLOSED = 90098;
    private static final Duration LOOK_INTERVAL = Duration.ofSeconds(1);
    private static final int CHUNK = 64 * 1024;

    private final Path reserve;
    private final long bytes;
    /** Closes the pool's connections (those in use once returned), so that H2 can open the database anew. */
    private volatile Runnable dropConnections = () -> { };
    private volatile boolean full;
    private volatile long nextLookNanos;

    public DiskReserve(Path dataDir, long bytes) {
        this.reserve = dataDir.resolve("disk-reserve");
        this.bytes = bytes;
    }

    /** What closes every pooled connection of the database; set when the pool exists. */
    void dropConnectionsWith(Runnable drop) {
        this.dropConnections = drop;
    }

    /** Writes the reserve file unless it is there already; returns false if there was no room for it. */
    public boolean reserve() {
        try {
            if (Files.exists(reserve) && Files.size(reserve) >= bytes) {
                return true;
            }
            // real bytes, not a sparse file: the space must be taken now to be given back later
            try (OutputStream out = Files.newOutputStream(reserve)) {
                byte[] zeros = new byte[CHUNK];
                for (long written = 0; written < bytes; written += CHUNK) {
                    out.write(zeros, 0, (int) Math.min(CHUNK, bytes - written));
                }
            }
            return true;
        } catch (IOException e) {
            deleteReserve();
            LOG.warn("no room for the disk reserve {} ({} bytes): {}", reserve, bytes, e.getMessage());
            return false;
        }
    }

    /** Whether the disk counts as full; looks at most once a second whether space was freed since. */
    public boolean isFull() {
        if (!full || System.nanoTime() < nextLookNanos) {
            return full;
        }
        nextLookNanos = System.nanoTime() + LOOK_INTERVAL.toNanos();
        try {
            long usable = Files.getFileStore(reserve.getParent()).getUsableSpace();
            if (usable >= 2 * bytes && reserve()) {
                full = false;
                LOG.info("the data directory's file system has room again ({} bytes free): writes resume", usable);
            }
        } catch (IOException e) {
            LOG.warn("cannot tell the free space of {}: {}", reserve.getParent(), e.getMessage());
        }
        return full;
    }

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException failure) {
        if (StorageUnavailable.isDiskFull(failure)) {
            exhausted();
        }
        if (failure.getErrorCode() == H2_DATABASE_CLOSED) {
            // H2 opens a closed database again only once its last session has gone
            dropConnections.run();
        }
        return failure.getErrorCode() == H2_DATABASE_CLOSED ? SQLExceptionOverride.Override.MUST_EVICT
                : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }

    /** The file system is full: gives up the reserve so that the database can open and record that. */
    void exhausted() {
        if (!full) {
            full = true;
            nextLookNanos = System.nanoTime() + LOOK_INTERVAL.toNanos();
            deleteReserve();
            LOG.error("the data directory's file system is full: writes are refused (503) and reads go on until"
                    + " space is freed; the disk reserve was given up so that the database stays usable");
        }
    }

    private void deleteReserve() {
        try {
            Files.deleteIfExists(reserve);
        } catch (IOException e) {
            LOG.warn("cannot delete the disk reserve {}: {}", reserve, e.getMessage());
        }
    }
}
