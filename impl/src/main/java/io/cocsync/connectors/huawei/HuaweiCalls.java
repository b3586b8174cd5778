package io.cocsync.connectors.huawei;

import com.huaweicloud.sdk.core.exception.ConnectionException;
import com.huaweicloud.sdk.core.exception.RequestTimeoutException;
import com.huaweicloud.sdk.core.exception.SdkException;
import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.core.exception.SslHandShakeException;
import io.cocsync.connectors.AccountFailure;
import io.cocsync.connectors.ConnectorException;
import io.cocsync.connectors.RetryPolicy;
import io.cocsync.connectors.Texts;
import io.cocsync.connectors.VendorCalls;
import java.io.InterruptedIOException;
import java.util.function.Supplier;

/**
 * Runs the SDK calls of one fetch under the {@link RetryPolicy}: throttling (HTTP 429, APIGW.0308),
 * server errors (5xx), timeouts and lost connections are retried with backoff; refused credentials
 * and untrusted certificates end the whole fetch at once; anything else fails the one call.
 *
 * <p>The retrying is ours rather than the SDK invoker's because the 3.1.170 invoker computes every
 * wait from the configured retry count instead of the attempt number (its waits never grow), and
 * turns an interruption of its sleep into an SdkException.
 */
final class HuaweiCalls {

    /** API Gateway's code for AK/SK credentials it does not accept ("Incorrect IAM authentication information"). */
    private static final String REFUSED = "APIGW.0301";

    private final String vendorName;
    private final RetryPolicy retry;
    /** Exchanges are counted by {@link HuaweiCallMetrics}; the retries, which are ours, here. */
    private final VendorCalls calls;

    HuaweiCalls(String vendorName, RetryPolicy retry, VendorCalls calls) {
        this.vendorName = vendorName;
        this.retry = retry;
        this.calls = calls;
    }

    /** A call that failed for good, with the reason in words fit for failure_msg. */
    static final class CallFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        CallFailedException(String reason) {
            super(reason);
        }
    }

    <T> T call(Supplier<T> request) throws ConnectorException, CallFailedException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                calls.record("retried");
            }
            try {
                return request.get();
            } catch (SdkException e) {
                failFastOn(e);
                if (!isTransient(e)) {
                    throw new CallFailedException(problemOf(e));
                }
                if (attempt >= retry.maxAttempts()) {
                    throw new CallFailedException(problemOf(e) + " after " + attempt + " attempts");
                }
                // the SDK's exceptions carry no response headers, so Retry-After cannot be honored
                Thread.sleep(retry.delayAfter(attempt, null).toMillis());
            }
        }
    }

    /** Ends the fetch when no region could succeed: the same keys and certificate serve them all. */
    private void failFastOn(SdkException e) throws ConnectorException, InterruptedException {
        if (Thread.currentThread().isInterrupted() || causedBy(e, InterruptedIOException.class)
                || causedBy(e, InterruptedException.class)) {
            throw new InterruptedException("the " + vendorName + " read was interrupted");
        }
        if (e instanceof ServiceResponseException response) {
            int status = response.getHttpStatusCode();
            String code = response.getErrorCode();
            if (status == 401 || status == 403 || REFUSED.equals(code)) {
                // the vendor's own error_msg is left out: it may quote the access key
                throw new AccountFailure(vendorName + " refused the account's credentials ("
                        + (Texts.isBlank(code) ? "" : code + ", ") + "HTTP " + status + ").");
            }
        }
        if (e instanceof SslHandShakeException) {
            throw new AccountFailure(vendorName + " presented a TLS certificate this server does not trust;"
                    + " add its CA to the vendor trust store.");
        }
    }

    private static boolean isTransient(SdkException e) {
        if (e instanceof ServiceResponseException response) {
            int status = response.getHttpStatusCode();
            return status == 429 || status >= 500;
        }
        return e instanceof ConnectionException || e instanceof RequestTimeoutException;
    }

    private static String problemOf(SdkException e) {
        if (e instanceof ServiceResponseException response && response.getHttpStatusCode() >= 400) {
            String code = response.getErrorCode();
            return (Texts.isBlank(code) ? "" : code + ", ") + "HTTP " + response.getHttpStatusCode();
        }
        if (e instanceof RequestTimeoutException) {
            return "timed out";
        }
        if (e instanceof ConnectionException) {
            return "connection failed";
        }
        // the SDK reports a successful answer it cannot parse as a ServiceResponseException of HTTP 200
        return "the answer could not be parsed";
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
