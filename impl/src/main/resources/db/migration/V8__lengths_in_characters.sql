-- The API bounds its strings in characters (code points), as JSON Schema counts them. H2 counts a
-- VARCHAR's length in UTF-16 units, in which a character outside the Basic Multilingual Plane
-- (an emoji) takes two: a name of 64 emoji, valid by the spec, did not fit VARCHAR(64). Every
-- column that holds a string bounded by the API or by a connector's check is made twice as wide,
-- which holds any text of the bound on H2; the bound itself is kept by the service.
-- (PostgreSQL counts characters already; the wider columns change nothing there.)
ALTER TABLE vendor_account ALTER COLUMN account_id SET DATA TYPE VARCHAR(128);
ALTER TABLE vendor_account ALTER COLUMN account_name SET DATA TYPE VARCHAR(128);
ALTER TABLE vendor_account ALTER COLUMN ak SET DATA TYPE VARCHAR(128);
ALTER TABLE vendor_account ALTER COLUMN tenant_id SET DATA TYPE VARCHAR(128);
ALTER TABLE vendor_account ALTER COLUMN subscription_id SET DATA TYPE VARCHAR(128);
ALTER TABLE vendor_account ALTER COLUMN region_ids SET DATA TYPE VARCHAR(14000);
ALTER TABLE sync_task_account ALTER COLUMN account_id SET DATA TYPE VARCHAR(128);
ALTER TABLE resource ALTER COLUMN type SET DATA TYPE VARCHAR(128);
ALTER TABLE resource ALTER COLUMN resource_id SET DATA TYPE VARCHAR(256);
ALTER TABLE resource ALTER COLUMN name SET DATA TYPE VARCHAR(510);
ALTER TABLE resource ALTER COLUMN region_id SET DATA TYPE VARCHAR(128);
