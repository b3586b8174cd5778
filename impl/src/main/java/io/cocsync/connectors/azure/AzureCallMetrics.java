package io.cocsync.connectors.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.cocsync.connectors.VendorCalls;
import java.io.IOException;
import reactor.core.publisher.Mono;

/**
 * Reports every HTTP attempt of azure-core's pipelines (the sign-in and the queries) to the
 * vendor-call metrics: placed after the retry policy, it sees each attempt, its answer's status,
 * or the I/O failure that left it without one.
 */
final class AzureCallMetrics implements HttpPipelinePolicy {

    private static final String ATTEMPTED = "coc.attempted";

    private final VendorCalls calls;

    AzureCallMetrics(VendorCalls calls) {
        this.calls = calls;
    }

    @Override
    public HttpPipelinePosition getPipelinePosition() {
        return HttpPipelinePosition.PER_RETRY;
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        attempting(context);
        try {
            return answered(next.processSync());
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        attempting(context);
        return next.process().map(this::answered).doOnError(this::failed);
    }

    private void attempting(HttpPipelineCallContext context) {
        if (context.getData(ATTEMPTED).isPresent()) {
            calls.record("retried");
        }
        context.setData(ATTEMPTED, true);
    }

    private HttpResponse answered(HttpResponse response) {
        calls.recordStatus(response.getStatusCode());
        return response;
    }

    private void failed(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                calls.record("io_error");
                return;
            }
        }
    }
}
