package io.cocsync.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cocsync.accounts.CloudVendor;
import io.cocsync.connectors.catalog.VendorCatalog;
import io.cocsync.stubs.AliyunEcsStub;
import io.cocsync.stubs.AwsEc2Stub;
import io.cocsync.stubs.AzureStub;
import io.cocsync.stubs.AzureStub;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.HuaweiEcsStub;
import io.cocsync.stubs.OpenStackStub;
import io.cocsync.stubs.OtherInventoryStub;
import io.cocsync.stubs.StubFaults;
import io.cocsync.stubs.StubVendor;
import io.cocsync.stubs.VendorStub;
import io.cocsync.stubs.VmwareStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vendor's calls reach the vendor-call metrics: the REST connectors' through their shared
 * HTTP client, the SDK-based ones' through their SDK's own hook (an AWS execution interceptor,
 * azure-core pipeline policy, Tea response interceptor, Huawei response listener).
 */
class VendorCallMetricsTest {

    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();

    static Stream<Function<Fleet, VendorStub>> stubs() {
        return Stream.of(OtherInventoryStub::new, AwsEc2Stub::new, AliyunEcsStub::new, AzureStub::new,
                HuaweiEcsStub::rms, HuaweiEcsStub::hcs, OpenStackStub::new, VmwareStub::new);
    }

    @ParameterizedTest
    @MethodSource("stubs")
    void aReadCountsEachAnsweredCallAsOk(Function<Fleet, VendorStub> stubOf) throws Exception {
        try (VendorStub stub = stubOf.apply(new Fleet(List.of("demo-east"), 5, 3))) {
            connectorFor(stub).fetch(accessTo(stub), page -> {});

            assertThat(outcomes).containsOnlyKeys(stub.vendor() + ":ok");
            assertThat(outcomes.get(stub.vendor() + ":ok").get()).isPositive();
        }
    }

    @ParameterizedTest
    @MethodSource("stubs")
    void serverErrorsAreCounted(Function<Fleet, VendorStub> stubOf) {
        try (VendorStub stub = stubOf.apply(new Fleet(List.of("demo-east"), 5, 3))) {
            readFailingWith(stub, StubFaults.NONE.withServerErrors(1.0));

            assertThat(outcomes).containsKey(stub.vendor() + ":server_error").doesNotContainKey(stub.vendor() + ":ok");
        }
    }

    @ParameterizedTest
    @MethodSource("stubs")
    void throttledCallsAreCounted(Function<Fleet, VendorStub> stubOf) {
        try (VendorStub stub = stubOf.apply(new Fleet(List.of("demo-east"), 5, 3))) {
            readFailingWith(stub, StubFaults.NONE.withThrottling(1.0, 0));

            assertThat(outcomes).containsKey(stub.vendor() + ":throttled").doesNotContainKey(stub.vendor() + ":ok");
        }
    }

    /** Huawei Cloud's SDK cannot read the stub's plain-text error pages, so its connector gives up without retrying. */
    @ParameterizedTest
    @MethodSource("stubs")
    void theRetriesOfEveryVendorThatRetriesAreCounted(Function<Fleet, VendorStub> stubOf) {
        try (VendorStub stub = stubOf.apply(new Fleet(List.of("demo-east"), 5, 3))) {
            readFailingWith(stub, StubFaults.NONE.withServerErrors(1.0));

            boolean retries = stub.vendor() != StubVendor.RMS && stub.vendor() != StubVendor.HCS;
            assertThat(outcomes.containsKey(stub.vendor() + ":retried")).isEqualTo(retries);
        }
    }

    private void readFailingWith(VendorStub stub, StubFaults faults) {
        stub.setFaults(faults);
        assertThatThrownBy(() -> connectorFor(stub).fetch(accessTo(stub), page -> {}))
                .isInstanceOf(ConnectorException.class);
    }

    private VendorConnector connectorFor(VendorStub stub) {
        ConnectorContext context = TestContexts.fast(3, Duration.ofSeconds(5))
                .withMetrics(vendor -> outcome -> outcomes
                        .computeIfAbsent(vendor + ":" + outcome, key -> new AtomicInteger()).incrementAndGet());
        ConnectorContext trusting = stub instanceof AzureStub azure
                ? context.withTls(() -> VendorTls.ofContext(azure.clientTls()))
                : context;
        CloudVendor vendor = CloudVendor.valueOf(stub.vendor().name());
        return VendorCatalog.factories().stream().filter(factory -> factory.vendor() == vendor).findFirst()
                .orElseThrow().create(trusting);
    }

    private static AccountAccess accessTo(VendorStub stub) {
        return new AccountAccess(stub.endpoint(), stub.accessKey(), stub.secretKey(), stub.tenantId().orElse(null),
                stub.subscription().orElse(null), List.of());
    }
}
