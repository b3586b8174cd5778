package io.cocsync.stubs;

import java.time.Instant;
import java.util.List;

/**
 * The resources a vendor stub serves, generated on demand from a few numbers so that a stub can
 * serve a million resources without holding them: {@code perRegion} instances in each region,
 * with deterministic attributes derived from (region, index, seed).
 */
public record Fleet(List<String> regions, int perRegion, long seed) {

    private static final String[] FLAVORS = {"small", "medium", "large", "xlarge"};
    private static final String[] STATES = {"running", "running", "running", "stopped"};
    private static final String[] IMAGES = {"debian-12", "ubuntu-24.04", "rhel-9", "windows-2022"};

    public Fleet {
        regions = List.copyOf(regions);
        if (perRegion < 0) {
            throw new IllegalArgumentException("perRegion must not be negative");
        }
    }

    public long size() {
        return (long) regions.size() * perRegion;
    }

    public Fleet withPerRegion(int count) {
        return new Fleet(regions, count, seed);
    }

    /** Instance {@code index} (0-based) of {@code region}. */
    public Machine machine(String region, int index) {
        int regionNumber = regions.indexOf(region);
        long mix = mix(seed ^ ((long) regionNumber << 32) ^ index);
        return new Machine(
                hex(regionNumber & 0xffffffffL, 8) + hex(index & 0xffffffffL, 8),
                region + "-vm-" + index,
                region,
                region + (char) ('a' + (int) Math.floorMod(mix, 3L)),
                STATES[(int) Math.floorMod(mix >>> 8, (long) STATES.length)],
                FLAVORS[(int) Math.floorMod(mix >>> 16, (long) FLAVORS.length)],
                IMAGES[(int) Math.floorMod(mix >>> 24, (long) IMAGES.length)],
                "10." + (regionNumber & 0xff) + "." + ((index >>> 8) & 0xff) + "." + (index & 0xff),
                Instant.parse("2025-01-01T00:00:00Z").plusSeconds(Math.floorMod(mix, 31_536_000L)),
                "team-" + (char) ('a' + (int) Math.floorMod(mix >>> 32, 5L)));
    }

    /** One generated virtual machine; each stub renders it in its vendor's shape. */
    public record Machine(
            String key,
            String name,
            String region,
            String zone,
            String state,
            String size,
            String image,
            String privateIp,
            Instant created,
            String ownerTag) {}

    /**
     * {@code value} in lower-case hex, zero-padded to {@code digits}: what {@code %0<digits>x}
     * gives, without String.format's parsing, which was a fifth of a stub's time rendering pages.
     */
    static String hex(long value, int digits) {
        String hex = Long.toHexString(value);
        return hex.length() >= digits ? hex : "0".repeat(digits - hex.length()) + hex;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
