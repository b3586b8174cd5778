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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo mode: local stand-ins of the vendors' APIs, each with a small generated estate, and
 * one registered account per vendor pointing at them, so a newcomer can sync without any cloud
 * credentials. Stub ports change at every start; the demo accounts are updated to match.
 * A stub that speaks only HTTPS (Azure's) has a self-signed certificate, which the estate hands
 * to the server as its {@code vendor-ca-file}, the same setting an operator uses for a private CA.
 */
public final class DemoEstate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoEstate.class);
    /** The vendor stubs of the demo; each builds its vendor's stub around a fleet. */
    private static final List<Function<Fleet, VendorStub>> STUBS = List.of(
            OtherInventoryStub::new, AwsEc2Stub::new, AliyunEcsStub::new, AzureStub::new, HuaweiEcsStub::rms, HuaweiEcsStub::hcs, OpenStackStub::new, VmwareStub::new);

    private final List<VendorStub> stubs;
    private final Path certificates;

    private DemoEstate(List<VendorStub> stubs, Path certificates) {
        this.stubs = stubs;
        this.certificates = certificates;
    }

    /** Starts the stubs; {@link #registerAccounts} then points one account of each vendor at them. */
    public static DemoEstate start() {
        List<VendorStub> started = new ArrayList<>();
        try {
            for (Function<Fleet, VendorStub> stub : STUBS) {
                started.add(stub.apply(new Fleet(List.of("demo-east", "demo-west"), 60, 2026)));
            }
            return new DemoEstate(started, certificatesFile(started));
        } catch (RuntimeException e) {
            started.forEach(VendorStub::close);
            throw e;
        }
    }

    public void registerAccounts(AccountService accounts) {
        stubs.forEach(stub -> register(accounts, stub));
    }

    /** A PEM file of the certificates of the stubs that speak only HTTPS, for the server's {@code vendor-ca-file}. */
    public Path certificates() {
        return certificates;
    }

    private static Path certificatesFile(List<VendorStub> stubs) {
        StringBuilder pem = new StringBuilder();
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (VendorStub stub : stubs) {
            for (X509Certificate certificate : stub.certificate().stream().toList()) {
                try {
                    pem.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(certificate.getEncoded()))
                            .append("\n-----END CERTIFICATE-----\n");
                } catch (CertificateEncodingException e) {
                    throw new IllegalStateException("the certificate of the " + stub.vendor() + " stub cannot be encoded", e);
                }
            }
        }
        try {
            Path file = Files.createTempFile("coc-demo-stubs", ".pem");
            return Files.writeString(file, pem);
        } catch (IOException e) {
            throw new UncheckedIOException("the demo cannot write its stubs' certificates", e);
        }
    }

    private static void register(AccountService accounts, VendorStub stub) {
        CloudVendor vendor = CloudVendor.valueOf(stub.vendor().name());
        String accountId = "demo-" + vendor.name().toLowerCase(Locale.ROOT);
        Optional<VendorAccount> existing = accounts
                .list(new VendorAccountQuery(NewVendorAccount.DEFAULT_DOMAIN, vendor, accountId, null, null, 0, 1))
                .items().stream().findFirst();
        if (existing.isPresent()) {
            accounts.update(NewVendorAccount.DEFAULT_DOMAIN, existing.get().id(), new VendorAccountChanges(null, stub.accessKey(), stub.secretKey(),
                    stub.endpoint(), stub.tenantId().orElse(null), stub.subscription().orElse(null), null));
        } else {
            accounts.register(new NewVendorAccount(vendor, accountId, "Demo " + vendor,
                    stub.accessKey(), stub.secretKey(), stub.endpoint(), stub.tenantId().orElse(null),
                    stub.subscription().orElse(null), List.of(), null));
        }
        LOG.info("demo: account {} of vendor {} reads the stub at {} ({} resources)", accountId, stub.vendor(),
                stub.baseUrl(), stub.fleet().size());
    }

    @Override
    public void close() {
        stubs.forEach(VendorStub::close);
        try {
            Files.deleteIfExists(certificates);
        } catch (IOException e) {
            LOG.warn("the demo's certificate file {} could not be deleted", certificates, e);
        }
    }
}
