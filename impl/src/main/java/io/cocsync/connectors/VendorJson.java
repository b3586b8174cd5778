package io.cocsync.connectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON as vendors write it: lenient where the API's own mapping is strict (unknown fields,
 * duplicate keys), because a vendor adding a field must never break a sync.
 */
public final class VendorJson {

    private VendorJson() {}

    /** A value of a vendor's answer as text, or null when it is missing, null or blank. */
    public static String text(JsonNode value) {
        return value != null && value.isValueNode() && !value.isNull() && !value.asText().isBlank()
                ? value.asText() : null;
    }

    public static ObjectMapper create() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
