package io.cocsync.connectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON as vendors write it: lenient where the API's own mapping is strict (unknown fields,
 * duplicate keys), because a vendor adding a field must never break a sync.
 */
public final class VendorJson {

    private VendorJson() {}

    public static ObjectMapper create() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
