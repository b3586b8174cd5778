-- Portable SQL: runs on H2 (embedded default) and PostgreSQL.
-- Indexes that no query reads, yet every accepted task wrote: on H2 each is a tree of its own,
-- and its changed pages were part of the disk write that the task's answer waits for.

-- A task's accounts are read by task, through the primary key; which task holds an account is
-- in account_claim. Every change of an account's status in a task rewrote this index too.
DROP INDEX ix_task_account_by_account;

-- A claim is inserted in the transaction that creates its task, and tasks are never deleted:
-- the foreign key checked what cannot happen, through an index on task_id of its own (H2).
ALTER TABLE account_claim DROP CONSTRAINT fk_claim_task;
