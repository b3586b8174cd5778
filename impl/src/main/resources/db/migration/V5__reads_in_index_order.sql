-- Portable SQL: runs on H2 (embedded default) and PostgreSQL.

-- A page of accounts is the next few in id order within a domain, or within a domain's vendor.
-- With indexes in that order a page reads only its own rows; before, every account of the
-- domain was read and sorted for each page.
DROP INDEX ix_vendor_account_by_domain;
CREATE INDEX ix_vendor_account_by_domain ON vendor_account (domain_id, vendor, id);
CREATE INDEX ix_vendor_account_by_domain_id ON vendor_account (domain_id, id);

-- The poller takes the oldest waiting tasks: in index order it reads only those, instead of
-- sorting every waiting task each time a sync ends.
DROP INDEX ix_sync_task_queue;
CREATE INDEX ix_sync_task_queue ON sync_task (status, create_time, id);
