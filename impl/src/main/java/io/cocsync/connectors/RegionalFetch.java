package io.cocsync.connectors;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The loop every regional connector runs: read each region in turn (a region pages through its
 * own list), and record a region that cannot be read instead of stopping, so the others are
 * still read. A fetch with any failed region still ends failed, naming each, so that the engine
 * removes nothing. An {@link AccountFailure} (refused credentials, say) ends it at once, since no
 * other region could do better.
 */
public final class RegionalFetch {

    /** Reads one region entirely; any {@link ConnectorException} but an {@link AccountFailure} fails only it. */
    @FunctionalInterface
    public interface RegionReader<R> {
        void read(R region) throws ConnectorException, InterruptedException;
    }

    private RegionalFetch() {}

    /**
     * @param vendorName how messages name the vendor, e.g. "AWS"
     * @param regionNoun what the vendor's regions are called, e.g. "region" or "datacenter"
     * @param nameOf the region's name in messages
     */
    public static <R> void readAll(String vendorName, String regionNoun, List<R> regions, Function<R, String> nameOf,
            RegionReader<R> reader) throws ConnectorException, InterruptedException {
        List<String> failures = new ArrayList<>();
        for (R region : regions) {
            try {
                reader.read(region);
            } catch (AccountFailure e) {
                throw e;
            } catch (ConnectorException e) {
                failures.add(nameOf.apply(region) + " (" + e.getMessage().replaceAll("\\.$", "") + ")");
            }
        }
        if (failures.isEmpty()) {
            return;
        }
        String failed = String.join(", ", failures);
        throw new ConnectorException(failures.size() == regions.size()
                ? "No " + vendorName + " " + regionNoun + " could be read: " + failed + "."
                : vendorName + " " + regionNoun + "s that could not be read: " + failed + ". The other " + regionNoun + "s were read.");
    }
}
