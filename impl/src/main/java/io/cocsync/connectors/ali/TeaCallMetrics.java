package io.cocsync.connectors.ali;

import com.aliyun.ecs20140526.Client;
import com.aliyun.tea.TeaResponse;
import com.aliyun.tea.interceptor.InterceptorContext;
import com.aliyun.tea.interceptor.ResponseInterceptor;
import com.aliyun.tea.utils.AttributeMap;
import io.cocsync.connectors.VendorCalls;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reports every HTTP answer of the Tea SDK to the vendor-call metrics, through the SDK's response
 * interceptor hook. The Tea SDK keeps its interceptors in one list for all clients of the JVM,
 * so the interceptor is installed once and reports to the metrics of the call running on the
 * current thread (see {@link #reportTo}); an answer outside such a call is not counted.
 */
final class TeaCallMetrics implements ResponseInterceptor {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private static final ThreadLocal<VendorCalls> CURRENT = new ThreadLocal<>();

    private TeaCallMetrics() {}

    /** Installs the interceptor, once for the JVM, through the first client made. */
    static void installOn(Client client) {
        if (INSTALLED.compareAndSet(false, true)) {
            client.addResponseInterceptor(new TeaCallMetrics());
        }
    }

    /** Counts the answers of this thread's calls as {@code calls}' until the scope is closed. */
    static Scope reportTo(VendorCalls calls) {
        CURRENT.set(calls);
        return CURRENT::remove;
    }

    /** The span of one call whose answers are counted. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public TeaResponse modifyResponse(InterceptorContext context, AttributeMap attributes) {
        VendorCalls calls = CURRENT.get();
        TeaResponse response = context.teaResponse();
        if (calls != null && response != null) {
            calls.recordStatus(response.statusCode);
        }
        return response;
    }
}
