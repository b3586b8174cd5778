-- Portable SQL: runs on H2 (embedded default) and PostgreSQL.
-- The resources a sync run found unchanged, written and emptied inside the run's own transaction
-- (see io.cocsync.inventory.InventoryRepository): marking them in the resource row itself rewrote
-- the whole row and every index of it, the largest cost of syncing an unchanged account.
CREATE TABLE resource_seen (
    run_id VARCHAR(36) NOT NULL,
    id     VARCHAR(36) NOT NULL,
    PRIMARY KEY (run_id, id)
);
