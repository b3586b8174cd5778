-- Portable SQL: runs on H2 (embedded default) and PostgreSQL.
-- A sync run's marks of the rows it found unchanged (see io.cocsync.inventory.InventoryRepository),
-- now one per resource, naming the last run that saw it: a run overwrites the marks of the runs
-- before it instead of inserting its own and deleting them at its end, which for an unchanged
-- account of 100,000 resources took almost a fifth of its sync. A mark goes with its resource.
-- Marks outlive no run that needs them, so the old table's rows are not carried over.
DROP TABLE resource_seen;
CREATE TABLE resource_seen (
    id     VARCHAR(36) NOT NULL PRIMARY KEY,
    run_id VARCHAR(36) NOT NULL,
    CONSTRAINT fk_seen_resource FOREIGN KEY (id) REFERENCES resource (id) ON DELETE CASCADE
);
