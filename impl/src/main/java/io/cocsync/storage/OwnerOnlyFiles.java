package io.cocsync.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The permissions of what the server keeps on disk: the data directory {@code rwx------}, the
 * database, key and credentials files {@code rw-------}, set explicitly rather than left to the
 * process's umask. A credentials or key file that group or others can read is refused unless the
 * operator says that its permissions are managed another way. On a file system without POSIX
 * permissions nothing is set or checked.
 */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnlyFiles() {}

    /** Creates the directory (and its parents) when missing; the one created last gets {@code rwx------}. */
    public static void createDirectory(Path directory) {
        try {
            if (Files.isDirectory(directory)) {
                return;
            }
            Files.createDirectories(directory);
            if (posix()) {
                Files.setPosixFilePermissions(directory, DIRECTORY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("data-dir " + directory + " cannot be created", e);
        }
    }

    /** Sets {@code rw-------} on the file if it exists. */
    public static void restrict(Path file) {
        if (!posix() || !Files.isRegularFile(file)) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("the permissions of " + file + " cannot be set to rw-------", e);
        }
    }

    /**
     * Throws naming the file and the fix when group or others may read or change it, unless
     * {@code allowed}; {@code what} names the file for the operator ("credentials file").
     */
    public static void requireOwnerOnly(Path file, String what, boolean allowed) {
        if (allowed || !posix() || !Files.exists(file)) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the permissions of " + file + " cannot be read", e);
        }
        if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            throw new IllegalStateException("the " + what + " " + file.toAbsolutePath() + " is "
                    + PosixFilePermissions.toString(permissions) + ", open to group or others: run chmod 600 "
                    + file.toAbsolutePath() + ", or set allow-readable-secrets=true if its permissions are"
                    + " managed another way");
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
