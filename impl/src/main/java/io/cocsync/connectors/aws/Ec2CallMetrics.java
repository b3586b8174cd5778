package io.cocsync.connectors.aws;

import io.cocsync.connectors.VendorCalls;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Reports every HTTP attempt of the EC2 client to the vendor-call metrics, through the SDK's
 * interceptor hook: each answer by its status, each attempt after the first as a retry, and an
 * attempt that got no answer as an I/O error.
 */
final class Ec2CallMetrics implements ExecutionInterceptor {

    /** Set while an attempt waits for its answer: a next attempt (or the failure) then means it got none. */
    private static final ExecutionAttribute<Boolean> AWAITING_ANSWER = new ExecutionAttribute<>("coc.awaitingAnswer");
    private static final ExecutionAttribute<Boolean> ATTEMPTED = new ExecutionAttribute<>("coc.attempted");

    private final VendorCalls calls;

    Ec2CallMetrics(VendorCalls calls) {
        this.calls = calls;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(AWAITING_ANSWER))) {
            calls.record("io_error");
        }
        if (Boolean.TRUE.equals(attributes.getAttribute(ATTEMPTED))) {
            calls.record("retried");
        }
        attributes.putAttribute(ATTEMPTED, true);
        attributes.putAttribute(AWAITING_ANSWER, true);
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(AWAITING_ANSWER, false);
        calls.recordStatus(context.httpResponse().statusCode());
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(AWAITING_ANSWER))) {
            calls.record("io_error");
        }
    }
}
