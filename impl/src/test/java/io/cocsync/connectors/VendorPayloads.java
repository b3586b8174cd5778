package io.cocsync.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The vendor payloads of the mapping tests, under {@code src/test/resources/vendor/<vendor>/}:
 * written after each vendor's API reference and example responses (each folder's SOURCES.md
 * names the documents), so that mappings are checked against the vendor's documentation rather
 * than against our own stubs.
 */
public final class VendorPayloads {

    private VendorPayloads() {}

    /** The payload's text, e.g. {@code text("aws/describe-instances.xml")}. */
    public static String text(String path) {
        try (InputStream in = VendorPayloads.class.getResourceAsStream("/vendor/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no vendor payload " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The payload read as JSON, as the connectors read it. */
    public static JsonNode json(String path) {
        try {
            return VendorJson.create().readTree(text(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
