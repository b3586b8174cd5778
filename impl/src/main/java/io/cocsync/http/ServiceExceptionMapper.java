package io.cocsync.http;

import io.cocsync.accounts.CredentialDestinationException;
import io.cocsync.accounts.DuplicateVendorAccountException;
import io.cocsync.accounts.InvalidEndpointException;
import io.cocsync.accounts.VendorAccountBusyException;
import io.cocsync.accounts.VendorAccountNotFoundException;
import io.cocsync.sync.SyncTaskNotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services' refusals become their documented errors; anything unexpected becomes a 500
 * whose details stay in the log, found by the request id. Whether a failure means that storage is
 * away (answered 503) is storage's to say: the composition root hands its verdict in, so that the
 * HTTP edge never refers to storage itself.
 */
public final class ServiceExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceExceptionMapper.class);

    private final Function<Throwable, Optional<String>> whyStorageIsAway;

    /** @param whyStorageIsAway the sentence for a failure that storage being away explains, else empty */
    public ServiceExceptionMapper(Function<Throwable, Optional<String>> whyStorageIsAway) {
        this.whyStorageIsAway = whyStorageIsAway;
    }

    @Override
    public Response toResponse(Throwable exception) {
        if (exception instanceof VendorAccountNotFoundException) {
            return ErrorResponses.of(ErrorCode.VENDOR_ACCOUNT_NOT_FOUND, exception.getMessage());
        }
        if (exception instanceof DuplicateVendorAccountException) {
            return ErrorResponses.of(ErrorCode.VENDOR_ACCOUNT_EXISTS, exception.getMessage());
        }
        if (exception instanceof VendorAccountBusyException) {
            return ErrorResponses.of(ErrorCode.VENDOR_ACCOUNT_BUSY, exception.getMessage());
        }
        if (exception instanceof InvalidEndpointException) {
            return ErrorResponses.of(ErrorCode.INVALID_PARAMETER, "Invalid parameter values: " + exception.getMessage());
        }
        if (exception instanceof CredentialDestinationException) {
            return ErrorResponses.of(ErrorCode.INVALID_PARAMETER, exception.getMessage());
        }
        if (exception instanceof SyncTaskNotFoundException) {
            return ErrorResponses.of(ErrorCode.NOT_FOUND, exception.getMessage());
        }
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
                return ErrorResponses.of(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
            }
        }
        Optional<String> storage = whyStorageIsAway.apply(exception);
        if (storage.isPresent()) {
            LOG.warn("answered 503: {}", storage.get());
            return ErrorResponses.of(ErrorCode.SERVICE_UNAVAILABLE, storage.get());
        }
        LOG.error("unexpected error while serving a request", exception);
        return ErrorResponses.of(ErrorCode.INTERNAL_ERROR,
                "Internal server error. Quote the request id when reporting it.");
    }
}
