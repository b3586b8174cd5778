package io.cocsync.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import io.cocsync.connectors.VendorTls;

/**
 * The TLS trust of HTTPS calls to vendors, by every connector, that the {@code vendor-ca-file} setting asks for: the
 * CA certificates of one PEM file, in place of the JDK's. An on-premises endpoint signed by a
 * private CA needs it, and so does the demo, whose Azure stub has a self-signed certificate.
 */
final class VendorTrust {

    private VendorTrust() {}

    /** The trust of exactly the certificates in {@code caFile}, for every connector; empty when none is configured. */
    static Optional<VendorTls> of(Path caFile) {
        if (caFile == null) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("vendor-ca-file " + caFile + " holds no certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("vendor-ca-" + index++, certificate);
            }
            return Optional.of(VendorTls.trusting(trusted));
        } catch (IOException e) {
            throw new IllegalArgumentException("vendor-ca-file " + caFile + " cannot be read: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("vendor-ca-file " + caFile + " is not a PEM file of certificates: "
                    + e.getMessage(), e);
        }
    }
}
