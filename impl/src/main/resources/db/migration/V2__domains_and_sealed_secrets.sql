-- Portable SQL: runs on H2 (embedded default) and PostgreSQL.

-- Every account and task belongs to a domain. Accounts registered before authentication existed
-- join the domain of the administrator created on first start.
UPDATE vendor_account SET domain_id = 'default' WHERE domain_id IS NULL;
ALTER TABLE vendor_account ALTER COLUMN domain_id SET NOT NULL;
CREATE INDEX ix_vendor_account_by_domain ON vendor_account (domain_id, vendor);

ALTER TABLE sync_task ADD COLUMN domain_id VARCHAR(64);
UPDATE sync_task SET domain_id = 'default';
ALTER TABLE sync_task ALTER COLUMN domain_id SET NOT NULL;

-- sk is stored sealed with AES-GCM: a version prefix and Base64 of nonce, ciphertext and tag.
ALTER TABLE vendor_account ALTER COLUMN sk SET DATA TYPE VARCHAR(512);
