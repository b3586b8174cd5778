package io.cocsync.connectors;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a resource's properties with the names every vendor's mapping shares (see
 * docs/vendors.md): state, size, image, zone, private_ips, public_ips, tags, created_time. A
 * value the vendor does not give (null or blank) is left out rather than stored as null; the
 * lists and the tags are kept even when empty, when the vendor has them at all.
 */
public final class ResourceProperties {

    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ResourceProperties state(String state) {
        return put("state", state);
    }

    public ResourceProperties size(String size) {
        return put("size", size);
    }

    public ResourceProperties image(String image) {
        return put("image", image);
    }

    public ResourceProperties zone(String zone) {
        return put("zone", zone);
    }

    /** The private addresses, blanks and repeats left out, in the vendor's order. */
    public ResourceProperties privateIps(Collection<String> ips) {
        properties.put("private_ips", distinct(ips));
        return this;
    }

    /** The public addresses, blanks and repeats left out, in the vendor's order. */
    public ResourceProperties publicIps(Collection<String> ips) {
        properties.put("public_ips", distinct(ips));
        return this;
    }

    /** The tags, sorted by key; a tag without value has the empty value. */
    public ResourceProperties tags(Map<String, String> tags) {
        Map<String, String> sorted = new TreeMap<>();
        tags.forEach((key, value) -> sorted.put(key, value == null ? "" : value));
        properties.put("tags", sorted);
        return this;
    }

    /** The creation time as the vendor writes it (ISO-8601). */
    public ResourceProperties createdTime(String time) {
        return put("created_time", time);
    }

    /** A vendor's own property, left out when blank. */
    public ResourceProperties put(String key, String value) {
        if (!Texts.isBlank(value)) {
            properties.put(key, value);
        }
        return this;
    }

    /** A vendor's own property that is no text (a number, a list), left out when null. */
    public ResourceProperties putValue(String key, Object value) {
        if (value != null) {
            properties.put(key, value);
        }
        return this;
    }

    public Map<String, Object> build() {
        return properties;
    }

    private static List<String> distinct(Collection<String> ips) {
        LinkedHashSet<String> kept = new LinkedHashSet<>();
        for (String ip : ips) {
            if (!Texts.isBlank(ip)) {
                kept.add(ip);
            }
        }
        return List.copyOf(kept);
    }
}
