package io.cocsync.connectors.huawei;

import io.cocsync.connectors.VendorCalls;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Response;

/**
 * Reports every HTTP exchange of the Huawei Cloud SDK to the vendor-call metrics, through the
 * OkHttp event listener the SDK's HttpConfig takes: each answer by its status (error answers
 * too, which the SDK does not hand to its own response listeners when it cannot read them), and
 * each exchange that got no answer as an I/O error. Retries are {@link HuaweiCalls}' and counted there.
 */
final class HuaweiCallMetrics extends EventListener {

    private final VendorCalls calls;

    HuaweiCallMetrics(VendorCalls calls) {
        this.calls = calls;
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        calls.recordStatus(response.code());
    }

    @Override
    public void callFailed(Call call, IOException failure) {
        calls.record("io_error");
    }
}
