package io.cocsync.connectors;

import java.util.ArrayList;
import java.util.List;

/**
 * The regions of one fetch that could not be read, each with why. A failing region does not stop
 * the others, but a fetch with any failure must end failed, so that nothing is removed.
 */
public final class RegionFailures {

    private final String vendorName;
    private final List<String> failures = new ArrayList<>();

    /** @param vendorName how messages name the vendor, e.g. "AWS" */
    public RegionFailures(String vendorName) {
        this.vendorName = vendorName;
    }

    public void add(String region, String why) {
        failures.add(region + " (" + why + ")");
    }

    /** Ends the fetch failed, naming every failed region, if any of the {@code regionsTried} failed. */
    public void throwIfAny(int regionsTried) throws ConnectorException {
        if (failures.isEmpty()) {
            return;
        }
        String failed = String.join(", ", failures);
        throw new ConnectorException(failures.size() == regionsTried
                ? "No " + vendorName + " region could be read: " + failed + "."
                : vendorName + " regions that could not be read: " + failed + ". The other regions were read.");
    }
}
