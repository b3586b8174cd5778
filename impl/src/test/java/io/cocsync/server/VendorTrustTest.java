package io.cocsync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cocsync.stubs.AzureStub;
import io.cocsync.stubs.Fleet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vendor-ca-file setting: vendor HTTPS calls trust the CA certificates of one PEM file. */
class VendorTrustTest {

    @TempDir
    Path dir;

    /** An HTTPS endpoint with a self-signed certificate, as an on-premises vendor with a private CA has. */
    private final AzureStub vendor = new AzureStub(new Fleet(List.of("east"), 1, 1));

    @AfterEach
    void stop() {
        vendor.close();
    }

    @Test
    void theCertificatesOfTheFileAreTrusted() throws Exception {
        Path caFile = Files.writeString(dir.resolve("vendor-ca.pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(vendor.certificate().orElseThrow().getEncoded())
                + "\n-----END CERTIFICATE-----\n");

        SSLContext tls = VendorTrust.of(caFile).orElseThrow().context();

        assertThat(statusOf(HttpClient.newBuilder().sslContext(tls).build())).isEqualTo(404);
    }

    @Test
    void withoutTheFileTheJdkTrustRefusesThatCertificate() {
        assertThat(VendorTrust.of(null)).isEmpty();
        assertThatThrownBy(() -> statusOf(HttpClient.newHttpClient())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aFileWithoutCertificatesStopsTheStartNamingTheSetting() throws Exception {
        Path notPem = Files.writeString(dir.resolve("notes.txt"), "not a certificate\n");
        Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(() -> VendorTrust.of(notPem)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("vendor-ca-file " + notPem);
        assertThatThrownBy(() -> VendorTrust.of(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("vendor-ca-file " + missing + " cannot be read");
    }

    private int statusOf(HttpClient client) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(vendor.endpoint() + "/no-such-path")).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
