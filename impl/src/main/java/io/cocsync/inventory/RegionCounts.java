package io.cocsync.inventory;

/** What a sync read and changed in one region of an account. */
public record RegionCounts(String regionId, long read, long added, long updated, long removed) {

    public static RegionCounts empty(String regionId) {
        return new RegionCounts(regionId, 0, 0, 0, 0);
    }

    public RegionCounts plus(RegionCounts other) {
        return new RegionCounts(regionId, read + other.read, added + other.added, updated + other.updated,
                removed + other.removed);
    }
}
