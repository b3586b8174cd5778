package io.cocsync.stubs;

import java.time.Instant;
import java.util.List;

/**
 * The resources a vendor stub serves, generated on demand from a few numbers so that a stub can
 * serve a million resources without holding them: {@code perRegion} instances in each region,
 * with deterministic attributes derived from (region, index, seed).
 */
public record Fleet(List<String> regions, int perRegion, long seed) {

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
        String[] flavors = {"small", "medium", "large", "xlarge"};
        String[] states = {"running", "running", "running", "stopped"};
        String[] images = {"debian-12", "ubuntu-24.04", "rhel-9", "windows-2022"};
        return new Machine(
                String.format("%08x%08x", regionNumber & 0xffffffffL, index),
                region + "-vm-" + index,
                region,
                region + (char) ('a' + (int) Math.floorMod(mix, 3L)),
                states[(int) Math.floorMod(mix >>> 8, (long) states.length)],
                flavors[(int) Math.floorMod(mix >>> 16, (long) flavors.length)],
                images[(int) Math.floorMod(mix >>> 24, (long) images.length)],
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

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
