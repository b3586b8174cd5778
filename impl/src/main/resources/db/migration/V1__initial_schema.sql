-- Portable SQL: runs on H2 (embedded default) and PostgreSQL.

CREATE TABLE vendor_account (
    id              VARCHAR(24)   NOT NULL PRIMARY KEY,
    vendor          VARCHAR(16)   NOT NULL,
    account_id      VARCHAR(64)   NOT NULL,
    account_name    VARCHAR(64)   NOT NULL,
    domain_id       VARCHAR(64),
    ak              VARCHAR(64)   NOT NULL,
    sk              VARCHAR(64)   NOT NULL,
    endpoint        VARCHAR(2048),
    tenant_id       VARCHAR(64),
    subscription_id VARCHAR(64),
    region_ids      VARCHAR(7000) NOT NULL,
    sync_status     VARCHAR(16)   NOT NULL,
    failure_msg     VARCHAR(1024),
    sync_date       TIMESTAMP WITH TIME ZONE,
    create_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    update_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_vendor_account UNIQUE (vendor, account_id)
);

CREATE TABLE sync_task (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    vendor      VARCHAR(16)   NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    failure_msg VARCHAR(1024),
    create_time TIMESTAMP WITH TIME ZONE NOT NULL,
    start_time  TIMESTAMP WITH TIME ZONE,
    end_time    TIMESTAMP WITH TIME ZONE
);

CREATE TABLE sync_task_account (
    task_id           VARCHAR(36)  NOT NULL,
    vendor_account_id VARCHAR(24)  NOT NULL,
    account_id        VARCHAR(64)  NOT NULL,
    position          INTEGER      NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    failure_msg       VARCHAR(1024),
    errors            VARCHAR(110000) NOT NULL,
    regions           VARCHAR(200000) NOT NULL,
    resources_read    BIGINT       NOT NULL,
    resources_added   BIGINT       NOT NULL,
    resources_updated BIGINT       NOT NULL,
    resources_removed BIGINT       NOT NULL,
    start_time        TIMESTAMP WITH TIME ZONE,
    end_time          TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (task_id, vendor_account_id),
    CONSTRAINT fk_task_account_task FOREIGN KEY (task_id) REFERENCES sync_task (id) ON DELETE CASCADE
);
CREATE INDEX ix_task_account_by_account ON sync_task_account (vendor_account_id, status);

CREATE TABLE resource (
    id                VARCHAR(36)     NOT NULL PRIMARY KEY,
    vendor_account_id VARCHAR(24)     NOT NULL,
    vendor            VARCHAR(16)     NOT NULL,
    datasource        VARCHAR(64)     NOT NULL,
    type              VARCHAR(64)     NOT NULL,
    resource_id       VARCHAR(128)    NOT NULL,
    name              VARCHAR(255),
    region_id         VARCHAR(64),
    properties        VARCHAR(1000000) NOT NULL,
    content_hash      VARCHAR(64)     NOT NULL,
    seen_task_id      VARCHAR(36)     NOT NULL,
    create_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    update_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_resource UNIQUE (vendor_account_id, type, resource_id),
    CONSTRAINT fk_resource_account FOREIGN KEY (vendor_account_id) REFERENCES vendor_account (id) ON DELETE CASCADE
);
CREATE INDEX ix_resource_by_vendor ON resource (vendor, id);
CREATE INDEX ix_resource_by_vendor_type ON resource (vendor, type, id);
