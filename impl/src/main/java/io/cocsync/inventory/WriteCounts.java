package io.cocsync.inventory;

/** How a batch or a whole sync changed an account's inventory. */
public record WriteCounts(long added, long updated, long unchanged) {

    public static final WriteCounts NONE = new WriteCounts(0, 0, 0);

    public WriteCounts plus(WriteCounts other) {
        return new WriteCounts(added + other.added, updated + other.updated, unchanged + other.unchanged);
    }
}
