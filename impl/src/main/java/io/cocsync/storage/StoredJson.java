package io.cocsync.storage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON the service keeps in its own columns (a task's counts by region, a resource's
 * properties) is read leniently: a field it does not know is skipped, not an error. A newer
 * version may store more than this one knows; after a rollback to this version, its rows must
 * still read, and the API stays strict about what requests carry all the same.
 */
public final class StoredJson {

    private StoredJson() {}

    /** A copy of {@code json} that writes as it does and skips unknown fields when reading. */
    public static ObjectMapper tolerant(ObjectMapper json) {
        return json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
