package io.cocsync.http;

import io.cocsync.storage.StorageUnavailable;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * While the embedded database's file system is full, answers every request that would write
 * (anything but GET and HEAD) with 503 and the documented body, before it reaches a service:
 * reads go on, and a write fails at once instead of half-way in the store.
 */
@Priority(Priorities.AUTHORIZATION + 1)
public final class DiskFullFilter implements ContainerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD");

    private final BooleanSupplier diskFull;

    public DiskFullFilter(BooleanSupplier diskFull) {
        this.diskFull = diskFull;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!READS.contains(request.getMethod()) && diskFull.getAsBoolean()) {
            request.abortWith(ErrorResponses.of(ErrorCode.SERVICE_UNAVAILABLE, StorageUnavailable.DISK_FULL));
        }
    }
}
