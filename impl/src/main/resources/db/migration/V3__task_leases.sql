-- Portable SQL: runs on H2 (embedded default) and PostgreSQL.
-- Tasks are claimed through the database (see io.cocsync.sync.TaskQueue), and the rule "one
-- waiting or running task per account" is a unique key (see io.cocsync.sync.AccountClaims).

ALTER TABLE sync_task ADD COLUMN owner VARCHAR(128);
ALTER TABLE sync_task ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE sync_task ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE sync_task ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
CREATE INDEX ix_sync_task_queue ON sync_task (status, create_time);

-- a task left running by the version before this one has no lease: it runs again from the queue
UPDATE sync_task SET status = 'WAITING' WHERE status = 'RUNNING';

CREATE TABLE account_claim (
    vendor_account_id VARCHAR(24) NOT NULL PRIMARY KEY,
    task_id           VARCHAR(36) NOT NULL,
    CONSTRAINT fk_claim_account FOREIGN KEY (vendor_account_id) REFERENCES vendor_account (id) ON DELETE CASCADE,
    CONSTRAINT fk_claim_task FOREIGN KEY (task_id) REFERENCES sync_task (id) ON DELETE CASCADE
);

INSERT INTO account_claim (vendor_account_id, task_id)
SELECT vendor_account_id, MIN(task_id) FROM sync_task_account
WHERE status IN ('WAITING', 'RUNNING') AND vendor_account_id IN (SELECT id FROM vendor_account)
GROUP BY vendor_account_id;
