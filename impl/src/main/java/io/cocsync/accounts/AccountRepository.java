package io.cocsync.accounts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.cocsync.storage.DirectJdbc;
import io.cocsync.storage.Dialect;
import io.cocsync.storage.SecretCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Vendor accounts in the relational store. */
public final class AccountRepository {

    private static final String COLUMNS_BEFORE_STATUS = "id, vendor, account_id, account_name, domain_id, ak, sk,"
            + " endpoint, tenant_id, subscription_id, region_ids";
    private static final String COLUMNS_AFTER_STATUS = "failure_msg, sync_date, create_time, update_time";
    private static final String COLUMNS = COLUMNS_BEFORE_STATUS + ", sync_status, " + COLUMNS_AFTER_STATUS;
    /**
     * An account as read: its stored columns, except that it shows waiting while a task has
     * claimed it and not yet started it. Accepting a task writes only the claim, not the account
     * row, which H2 would rewrite in every one of the table's indexes: that made up most of the
     * disk write that each accepted task waits for.
     */
    private static final String READ_ACCOUNT = "SELECT " + COLUMNS_BEFORE_STATUS + ","
            + " CASE WHEN c.task_id IS NOT NULL AND sync_status <> 'RUNNING' THEN 'WAITING' ELSE sync_status END, "
            + COLUMNS_AFTER_STATUS
            + " FROM vendor_account LEFT JOIN account_claim c ON c.vendor_account_id = vendor_account.id";

    private final Jdbi jdbi;
    private final Dialect dialect;
    private final ObjectMapper json;
    private final ObjectReader stringList;
    private final SecretCipher secrets;

    /** {@code secrets} seals {@code sk} on its way into the store and opens it on its way out. */
    public AccountRepository(Jdbi jdbi, Dialect dialect, ObjectMapper json, SecretCipher secrets) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.json = json;
        this.stringList = json.readerFor(new TypeReference<List<String>>() {});
        this.secrets = secrets;
    }

    /** Inserts the account; false when (vendor, account_id) is taken. */
    public boolean insert(VendorAccount account) {
        try {
            jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO vendor_account (" + COLUMNS + ") VALUES (:id,"
                            + " :vendor, :accountId, :accountName, :domainId, :ak, :sk, :endpoint, :tenantId,"
                            + " :subscriptionId, :regionIds, :syncStatus, :failureMsg, :syncDate, :createTime,"
                            + " :updateTime)")
                    .bindMap(columnValues(account))
                    .execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && dialect.isUniqueViolation(sql)) {
                return false;
            }
            throw e;
        }
    }

    /** Writes the account's editable fields; false when it no longer exists. */
    public boolean updateSettings(VendorAccount account) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE vendor_account SET account_name = :accountName,"
                                + " ak = :ak, sk = :sk, endpoint = :endpoint, tenant_id = :tenantId,"
                                + " subscription_id = :subscriptionId, region_ids = :regionIds,"
                                + " update_time = :updateTime WHERE id = :id")
                        .bindMap(columnValues(account))
                        .execute())
                > 0;
    }

    public Optional<VendorAccount> find(String id) {
        return jdbi.withHandle(handle -> find(handle, id));
    }

    /**
     * The account if it belongs to the domain, in one query with the domain in its condition:
     * another domain's account takes the same path as a missing one (no secret is unsealed for
     * it), so neither the answer nor its time tells that it exists.
     */
    public Optional<VendorAccount> findInDomain(String id, String domainId) {
        return jdbi.withHandle(handle -> handle.createQuery(READ_ACCOUNT + " WHERE id = :id AND domain_id = :domainId")
                .bind("id", id)
                .bind("domainId", domainId)
                .map((rs, ctx) -> map(rs))
                .findOne());
    }

    public Optional<VendorAccount> find(Handle handle, String id) {
        return handle.createQuery(READ_ACCOUNT + " WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    /**
     * Seals the secrets that an earlier version stored in clear, so that the store holds none;
     * returns how many there were.
     */
    public int sealPlainSecrets() {
        return jdbi.inTransaction(handle -> {
            List<Map.Entry<String, String>> plain = handle.createQuery(
                            "SELECT id, sk FROM vendor_account WHERE sk NOT LIKE 'v1:%'")
                    .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("sk")))
                    .list();
            for (Map.Entry<String, String> account : plain) {
                handle.createUpdate("UPDATE vendor_account SET sk = :sk WHERE id = :id")
                        .bind("sk", secrets.seal(account.getValue()))
                        .bind("id", account.getKey())
                        .execute();
            }
            return plain.size();
        });
    }

    /** The domains that have accounts. */
    public List<String> findDomains() {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT DISTINCT domain_id FROM vendor_account ORDER BY domain_id")
                .mapTo(String.class)
                .list());
    }

    /** A page of the domain's accounts and how many match in all: a read nearly every client makes often. */
    public Page<VendorAccount> list(VendorAccountQuery query) {
        StringBuilder where = new StringBuilder(" WHERE domain_id = ?");
        List<Object> filters = new ArrayList<>(List.of(query.domainId()));
        if (query.vendor() != null) {
            where.append(" AND vendor = ?");
            filters.add(query.vendor().name());
        }
        if (query.accountId() != null) {
            where.append(" AND account_id = ?");
            filters.add(query.accountId());
        }
        if (query.accountNameContains() != null) {
            where.append(" AND account_name LIKE ? ESCAPE '\\'");
            filters.add(likePattern(query.accountNameContains()));
        }
        List<Object> pageParameters = new ArrayList<>(filters);
        String pageWhere = where.toString();
        if (query.marker() != null) {
            pageWhere += " AND id > ?";
            pageParameters.add(query.marker());
        }
        pageParameters.add(query.limit());
        pageParameters.add(query.offset());
        // "ORDER BY id" under the filters, spelled as the index is: H2 needs that to read the page
        // in index order instead of sorting every account of the domain
        String page = READ_ACCOUNT + pageWhere
                + (query.vendor() == null ? " ORDER BY domain_id, id" : " ORDER BY domain_id, vendor, id")
                + " LIMIT ? OFFSET ?";
        String count = "SELECT COUNT(*) FROM vendor_account" + where;
        return jdbi.withHandle(handle -> new Page<>(
                DirectJdbc.query(handle, page, pageParameters, this::map),
                DirectJdbc.query(handle, count, filters, row -> row.getLong(1)).get(0)));
    }

    private static String likePattern(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * Deletes the account unless its sync is running, in one statement, so that a sync starting
     * at the same moment either sees the account gone or blocks the delete; false if not deleted.
     */
    public boolean deleteUnlessRunning(String id) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                                "DELETE FROM vendor_account WHERE id = :id AND sync_status <> 'RUNNING'")
                        .bind("id", id)
                        .execute())
                > 0;
    }

    /** Moves the account to a new synchronization state (waiting, running); false if it no longer exists. */
    public boolean markState(Handle handle, String id, SyncState state, OffsetDateTime now) {
        return handle.createUpdate("UPDATE vendor_account SET sync_status = :state, update_time = :now WHERE id = :id")
                        .bind("state", state.name())
                        .bind("now", now)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    /** Records the end of a synchronization: success or failed, with its message and date. */
    public void markFinished(Handle handle, String id, SyncState state, String failureMsg, OffsetDateTime now) {
        handle.createUpdate("UPDATE vendor_account SET sync_status = :state, failure_msg = :failureMsg,"
                        + " sync_date = :now, update_time = :now WHERE id = :id")
                .bind("state", state.name())
                .bind("failureMsg", failureMsg)
                .bind("now", now)
                .bind("id", id)
                .execute();
    }

    private java.util.Map<String, Object> columnValues(VendorAccount a) {
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        values.put("id", a.id());
        values.put("vendor", a.vendor().name());
        values.put("accountId", a.accountId());
        values.put("accountName", a.accountName());
        values.put("domainId", a.domainId());
        values.put("ak", a.ak());
        values.put("sk", secrets.seal(a.sk()));
        values.put("endpoint", a.endpoint());
        values.put("tenantId", a.tenantId());
        values.put("subscriptionId", a.subscriptionId());
        values.put("regionIds", writeList(a.regionIds()));
        values.put("syncStatus", a.syncStatus().name());
        values.put("failureMsg", a.failureMsg());
        values.put("syncDate", a.syncDate());
        values.put("createTime", a.createTime());
        values.put("updateTime", a.updateTime());
        return values;
    }

    /** Reads the columns by position, in the order of {@link #READ_ACCOUNT}: H2 looks names up slowly. */
    private VendorAccount map(ResultSet rs) throws SQLException {
        return new VendorAccount(
                rs.getString(1),
                CloudVendor.valueOf(rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                sealedSecret(rs.getString(7)),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                readList(rs.getString(11)),
                SyncState.valueOf(rs.getString(12)),
                rs.getString(13),
                rs.getObject(14, OffsetDateTime.class),
                rs.getObject(15, OffsetDateTime.class),
                rs.getObject(16, OffsetDateTime.class));
    }

    /** Opened only if something reads it: listing and sync requests never do (see {@link Secret}). */
    private Secret sealedSecret(String stored) {
        return Secret.openedBy(() -> secrets.open(stored));
    }

    private String writeList(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a list of strings", e);
        }
    }

    private List<String> readList(String text) {
        if (text.equals("[]")) {
            return List.of(); // most accounts name no regions: no parser needed
        }
        try {
            return stringList.readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored region_ids are not a JSON list", e);
        }
    }
}
