package io.cocsync.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cocsync.conformance.http.ApiTarget;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reading list operations: queries, pages, and the agreement of offset and marker paging. */
final class Listing {

    static final String ACCOUNTS = "/v1/vendor-account";
    static final String RESOURCES = "/v1/multicloud-resources";
    static final String COUNT = "/v1/multicloud-resources/count";

    private Listing() {
    }

    /** A path with its query built from name, value pairs; null values are left out, values are encoded. */
    static String query(String path, String... namesAndValues) {
        StringBuilder url = new StringBuilder(path);
        char separator = '?';
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                url.append(separator).append(namesAndValues[i]).append('=')
                        .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return url.toString();
    }

    /** The data of a list answer, asserting 200 and an array. */
    static List<JsonNode> page(ApiTarget api, String pathAndQuery) {
        JsonNode data = Expect.ok(api.get(pathAndQuery), "GET " + pathAndQuery);
        assertThat(data.isArray()).as("data of GET %s is an array", pathAndQuery).isTrue();
        List<JsonNode> items = new ArrayList<>();
        data.forEach(items::add);
        return items;
    }

    static List<String> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.path("id").asText()).toList();
    }

    /** The count answer's data, asserting 200 and a number. */
    static long count(ApiTarget api, String pathAndQuery) {
        JsonNode data = Expect.ok(api.get(pathAndQuery), "GET " + pathAndQuery);
        assertThat(data.isIntegralNumber()).as("data of GET %s is a number", pathAndQuery).isTrue();
        return data.asLong();
    }

    /**
     * Reads up to {@code pages} pages of {@code pageSize} twice, once by offset and once by marker
     * (the id of the previous page's last item), and asserts that both see the same ids, once each,
     * in ascending id order. {@code filteredPath} is the path with its filters and without paging.
     *
     * @return the ids read
     */
    static List<String> pagingAgrees(ApiTarget api, String filteredPath, int pageSize, int pages) {
        String join = filteredPath.contains("?") ? "&" : "?";
        List<String> byOffset = new ArrayList<>();
        for (int p = 0; p < pages; p++) {
            List<String> ids = ids(page(api, filteredPath + join + "limit=" + pageSize + "&offset=" + p * pageSize));
            assertThat(ids.size()).as("size of a page of limit %s", pageSize).isLessThanOrEqualTo(pageSize);
            byOffset.addAll(ids);
            if (ids.size() < pageSize) {
                break;
            }
        }
        List<String> byMarker = new ArrayList<>();
        String marker = null;
        for (int p = 0; p < pages; p++) {
            List<String> ids = ids(page(api, filteredPath + join + "limit=" + pageSize
                    + (marker == null ? "" : "&marker=" + URLEncoder.encode(marker, StandardCharsets.UTF_8))));
            byMarker.addAll(ids);
            if (ids.size() < pageSize) {
                break;
            }
            marker = ids.get(ids.size() - 1);
        }
        assertThat(byMarker).as("ids paged by marker versus by offset (%s)", filteredPath)
                .containsExactlyElementsOf(byOffset);
        assertThat(byOffset).as("ids across pages (%s)", filteredPath).doesNotHaveDuplicates()
                .isSortedAccordingTo(Comparator.naturalOrder());
        return byOffset;
    }
}
