package io.cocsync.connectors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Whom connectors trust when they speak TLS to a vendor: the JVM's certificate authorities, or
 * the ones of a PEM file the operator names (setting {@code vendor-ca-file}) (an on-premises vCenter, OpenStack or HCS with an
 * internal CA). Every connector takes its trust from here, each in the form its client wants: an
 * {@link SSLContext} (the JDK client, azure-core), a trust manager (AWS SDK, Huawei's OkHttp) or
 * PEM text (Alibaba's Tea SDK).
 */
public final class VendorTls {

    private final SSLContext context;
    private final X509TrustManager trustManager;
    private final List<X509Certificate> trusted;

    private VendorTls(SSLContext context, X509TrustManager trustManager, List<X509Certificate> trusted) {
        this.context = context;
        this.trustManager = trustManager;
        this.trusted = trusted;
    }

    /** The JVM's trusted certificate authorities. */
    public static VendorTls jvmDefault() {
        try {
            return new VendorTls(SSLContext.getDefault(), trustManagerOf(null), List.of());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM offers no TLS", e);
        }
    }

    /** Exactly the certificates of {@code store}, instead of the JVM's. */
    public static VendorTls trusting(KeyStore store) throws GeneralSecurityException {
        X509TrustManager manager = trustManagerOf(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {manager}, null);
        List<X509Certificate> certificates = new ArrayList<>();
        for (String alias : java.util.Collections.list(store.aliases())) {
            Certificate certificate = store.getCertificate(alias);
            if (certificate instanceof X509Certificate x509) {
                certificates.add(x509);
            }
        }
        return new VendorTls(context, manager, List.copyOf(certificates));
    }

    /**
     * Trust given only as a ready context (the demo's own stubs until they hand out a trust
     * store): the clients that take an {@link SSLContext} use it, the others the JVM's authorities.
     */
    public static VendorTls ofContext(SSLContext context) {
        try {
            return new VendorTls(context, trustManagerOf(null), List.of());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM offers no TLS", e);
        }
    }

    public SSLContext context() {
        return context;
    }

    public X509TrustManager trustManager() {
        return trustManager;
    }

    /** The trusted certificates as PEM text, or empty when the JVM's authorities are trusted. */
    public Optional<String> pem() {
        if (trusted.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder pem = new StringBuilder();
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
        for (X509Certificate certificate : trusted) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(base64.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException("a trusted certificate cannot be encoded", e);
            }
        }
        return Optional.of(pem.toString());
    }

    private static X509TrustManager trustManagerOf(KeyStore store) throws NoSuchAlgorithmException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        try {
            factory.init(store);
        } catch (java.security.KeyStoreException e) {
            throw new IllegalStateException("the trust store cannot be used", e);
        }
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JVM offers no X.509 trust manager");
    }
}
