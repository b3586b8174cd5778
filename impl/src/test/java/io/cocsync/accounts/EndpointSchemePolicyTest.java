package io.cocsync.accounts;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EndpointSchemePolicyTest {

    private final EndpointSchemePolicy httpsOnly = EndpointSchemePolicy.httpsOnly();
    private final EndpointSchemePolicy lab = EndpointSchemePolicy.allowingPlainHttpTo(
            List.of("10.20.0.0/16", "vcenter.lab.example", "fd00::/8", "192.168.1.7"));

    @ParameterizedTest
    @EnumSource(value = CloudVendor.class, names = {"OTHER", "VMWARE", "OPENSTACK", "HCS", "AZURE"})
    void aPlainHttpEndpointOfAVendorWhoseCredentialsGoThereIsRefusedByDefault(CloudVendor vendor) {
        assertThatThrownBy(() -> httpsOnly.check(vendor, "http://inventory.example.com/v1"))
                .isInstanceOf(CredentialDestinationException.class)
                .hasMessageContaining("endpoint must be an https:// URL for " + vendor)
                .hasMessageContaining("plain-http-allowed");
        assertThatCode(() -> httpsOnly.check(vendor, "https://inventory.example.com/v1")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(value = CloudVendor.class, names = {"AWS", "ALI", "RMS"})
    void vendorsThatSignRatherThanSendTheirSecretMayUseAnyScheme(CloudVendor vendor) {
        assertThatCode(() -> httpsOnly.check(vendor, "http://ec2.local.example")).doesNotThrowAnyException();
    }

    @Test
    void anotherSchemeIsRefusedEvenWhereHttpIsAllowed() {
        assertThatThrownBy(() -> lab.check(CloudVendor.OTHER, "ftp://10.20.1.1/inventory"))
                .isInstanceOf(CredentialDestinationException.class);
    }

    @Test
    void plainHttpIsAllowedOnlyForTheNamedHostsAndNetworks() {
        for (String allowed : List.of("http://10.20.3.4:8080/x", "http://VCENTER.lab.example/sdk",
                "http://[fd00::1]:5000/v3", "http://192.168.1.7/")) {
            assertThatCode(() -> lab.check(CloudVendor.VMWARE, allowed)).as(allowed).doesNotThrowAnyException();
        }
        for (String refused : List.of("http://10.21.0.1/x", "http://other.lab.example/", "http://[fe80::1]/",
                "http://192.168.1.8/", "http://vcenter.lab.example.attacker.example/", "http:///nohost")) {
            assertThatThrownBy(() -> lab.check(CloudVendor.VMWARE, refused)).as(refused)
                    .isInstanceOf(CredentialDestinationException.class);
        }
    }

    @Test
    void aNameIsNeverResolvedToMatchANetwork() {
        EndpointSchemePolicy loopback = EndpointSchemePolicy.allowingPlainHttpTo(List.of("127.0.0.0/8"));

        assertThatThrownBy(() -> loopback.check(CloudVendor.OTHER, "http://localhost:8080/"))
                .isInstanceOf(CredentialDestinationException.class);
        assertThatCode(() -> loopback.check(CloudVendor.OTHER, "http://127.0.0.1:8080/")).doesNotThrowAnyException();
    }

    @Test
    void aMalformedSettingIsRefusedNamingTheEntry() {
        assertThatThrownBy(() -> EndpointSchemePolicy.allowingPlainHttpTo(List.of("10.0.0.0/40")))
                .hasMessageContaining("'10.0.0.0/40'");
        assertThatThrownBy(() -> EndpointSchemePolicy.allowingPlainHttpTo(List.of("lab/16")))
                .hasMessageContaining("'lab/16' is neither a host name nor a CIDR network");
    }
}
