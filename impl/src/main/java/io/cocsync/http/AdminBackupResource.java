package io.cocsync.http;

import io.cocsync.backup.Backups;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /admin/backup}: an online backup of the embedded database into the data
 * directory's {@code backups/} folder, for operators whose credential has the
 * {@code coc:admin:backup} action (the administrator's). Outside {@code /v1}, like health: it is
 * operating the server, not part of Huawei Cloud's API. The request chooses nothing: not the
 * file, not the directory.
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminBackupResource {

    /** Null on a shared database: PostgreSQL is backed up with its own tools. */
    private final Backups backups;

    public AdminBackupResource(Backups backups) {
        this.backups = backups;
    }

    @POST
    @Path("/backup")
    public Response createBackup() {
        if (backups == null) {
            return ErrorResponses.of(ErrorCode.INVALID_PARAMETER, "This server stores its data in a shared"
                    + " database: back it up with pg_dump (see docs/operations.md).");
        }
        java.nio.file.Path file = backups.backUp();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", file.toString());
        try {
            body.put("bytes", Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(body).build();
    }
}
