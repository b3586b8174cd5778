package io.cocsync.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The service jar ({@code target/coc-multicloud-sync.jar}, built by {@code package}) holds the
 * service and what it runs on, nothing written for tests or the demo: no vendor stub, no WireMock
 * (nor the Jetty that WireMock shades), and no private key for a secret scanner to flag.
 */
class ServiceJarContentsIT {

    private static final Path JAR = Path.of("target", "coc-multicloud-sync.jar");
    /** Where the stubs, WireMock and WireMock's shaded libraries live inside a jar. */
    private static final List<String> TEST_ONLY_PREFIXES = List.of(
            "io/cocsync/stubs/", "io/cocsync/demo/", "com/github/tomakehurst/", "org/wiremock/", "wiremock/");
    /** The files that hold private keys or key stores. */
    private static final List<String> KEY_SUFFIXES = List.of(".p12", ".pfx", ".jks", ".pem", ".key", ".keystore");

    @Test
    void theServiceJarHoldsNoStubNoWireMockAndNoPrivateKey() throws IOException {
        List<String> entries = entries();

        assertThat(entries).as("the service jar has the service").contains("io/cocsync/server/Main.class");
        assertThat(entries).as("stubs, demo and WireMock belong to vendor-stubs and demo, not the service")
                .noneMatch(name -> TEST_ONLY_PREFIXES.stream().anyMatch(name::startsWith));
        assertThat(entries).as("no key material in the service jar")
                .noneMatch(name -> KEY_SUFFIXES.stream().anyMatch(name.toLowerCase(Locale.ROOT)::endsWith));
    }

    private static List<String> entries() throws IOException {
        assertThat(JAR).as("the service jar, built by package").isRegularFile();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            return jar.stream().map(ZipEntry::getName).toList();
        }
    }
}
