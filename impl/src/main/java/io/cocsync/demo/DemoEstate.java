package io.cocsync.demo;

import io.cocsync.accounts.AccountService;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.NewVendorAccount;
import io.cocsync.accounts.VendorAccount;
import io.cocsync.accounts.VendorAccountChanges;
import io.cocsync.accounts.VendorAccountQuery;
import io.cocsync.stubs.AliyunEcsStub;
import io.cocsync.stubs.AwsEc2Stub;
import io.cocsync.stubs.AzureStub;
import io.cocsync.stubs.Fleet;
import io.cocsync.stubs.HuaweiEcsStub;
import io.cocsync.stubs.OpenStackStub;
import io.cocsync.stubs.OtherInventoryStub;
import io.cocsync.stubs.VendorStub;
import io.cocsync.stubs.VmwareStub;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo mode: local stand-ins of the vendors' APIs, each with a small generated estate, and
 * one registered account per vendor pointing at them, so a newcomer can sync without any cloud
 * credentials. Stub ports change at every start; the demo accounts are updated to match.
 */
public final class DemoEstate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoEstate.class);
    /** The vendor stubs of the demo; each builds its vendor's stub around a fleet. */
    private static final List<Function<Fleet, VendorStub>> STUBS = List.of(
            OtherInventoryStub::new, AwsEc2Stub::new, AliyunEcsStub::new, AzureStub::new, HuaweiEcsStub::rms, HuaweiEcsStub::hcs, OpenStackStub::new, VmwareStub::new);

    private final List<VendorStub> stubs;

    private DemoEstate(List<VendorStub> stubs) {
        this.stubs = stubs;
    }

    /** Starts the stubs; {@link #registerAccounts} then points one account of each vendor at them. */
    public static DemoEstate start() {
        List<VendorStub> started = new ArrayList<>();
        try {
            for (Function<Fleet, VendorStub> stub : STUBS) {
                started.add(stub.apply(new Fleet(List.of("demo-east", "demo-west"), 60, 2026)));
            }
        } catch (RuntimeException e) {
            started.forEach(VendorStub::close);
            throw e;
        }
        return new DemoEstate(started);
    }

    public void registerAccounts(AccountService accounts) {
        stubs.forEach(stub -> register(accounts, stub));
    }

    /** The TLS context that reaches the vendor's stub, for a stub that speaks only HTTPS. */
    public Optional<SSLContext> trustedBy(CloudVendor vendor) {
        return stubs.stream().filter(stub -> stub.vendor() == vendor).findFirst().flatMap(VendorStub::trustedBy);
    }

    private static void register(AccountService accounts, VendorStub stub) {
        String accountId = "demo-" + stub.vendor().name().toLowerCase(java.util.Locale.ROOT);
        Optional<VendorAccount> existing = accounts
                .list(new VendorAccountQuery(NewVendorAccount.DEFAULT_DOMAIN, stub.vendor(), accountId, null, null, 0, 1))
                .items().stream().findFirst();
        if (existing.isPresent()) {
            accounts.update(NewVendorAccount.DEFAULT_DOMAIN, existing.get().id(), new VendorAccountChanges(null, stub.accessKey(), stub.secretKey(),
                    stub.endpoint(), stub.tenantId().orElse(null), stub.subscription().orElse(null), null));
        } else {
            accounts.register(new NewVendorAccount(stub.vendor(), accountId, "Demo " + stub.vendor(),
                    stub.accessKey(), stub.secretKey(), stub.endpoint(), stub.tenantId().orElse(null),
                    stub.subscription().orElse(null), List.of(), null));
        }
        LOG.info("demo: account {} of vendor {} reads the stub at {} ({} resources)", accountId, stub.vendor(),
                stub.baseUrl(), stub.fleet().size());
    }

    @Override
    public void close() {
        stubs.forEach(VendorStub::close);
    }
}
