package io.cocsync.sync;

import io.cocsync.inventory.RegionCounts;
import io.cocsync.text.Characters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one account's sync has done so far, by region. Used by one thread at a time: the sync's
 * {@link PageWriter} while pages are stored, the sync's own thread once the writer is closed.
 */
final class AccountProgress {

    static final int MAX_ERRORS = 100;
    static final int MAX_MESSAGE = 1024;

    private final Map<String, RegionCounts> regions = new LinkedHashMap<>();
    private String failureMsg;
    private final List<String> errors = new ArrayList<>();

    void add(List<RegionCounts> counts) {
        for (RegionCounts region : counts) {
            regions.merge(String.valueOf(region.regionId()), region, RegionCounts::plus);
        }
    }

    void failed(String message) {
        String shown = Characters.atMost(message, MAX_MESSAGE);
        failureMsg = shown;
        if (errors.size() < MAX_ERRORS) {
            errors.add(shown);
        }
    }

    List<RegionCounts> regions() {
        return List.copyOf(regions.values());
    }

    RegionCounts total() {
        return regions.values().stream().reduce(RegionCounts.empty(null), RegionCounts::plus);
    }

    String failureMsg() {
        return failureMsg;
    }

    List<String> errors() {
        return List.copyOf(errors);
    }
}
