package io.cocsync.health;

import io.cocsync.storage.Database;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health for load balancers and orchestrators, outside the {@code /v1} API and outside
 * authentication: live while the process serves HTTP, ready while storage answers and every
 * migration is applied.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private final Database database;

    public HealthResource(Database database) {
        this.database = database;
    }

    @GET
    @Path("/live")
    public Map<String, Object> live() {
        return Map.of("status", "UP");
    }

    @GET
    @Path("/ready")
    public Response ready() {
        Map<String, Object> checks = new LinkedHashMap<>();
        java.util.Optional<String> unavailable = database.unavailability();
        boolean storage = unavailable.isEmpty();
        checks.put("storage", storage ? "UP" : "DOWN");
        boolean migrated = storage && database.isMigrated();
        checks.put("migrations", migrated ? "UP" : "DOWN");
        boolean up = storage && migrated;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("checks", checks);
        unavailable.ifPresent(cause -> body.put("cause", cause));
        return Response.status(up ? 200 : 503).entity(body).build();
    }
}
