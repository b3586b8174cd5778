package io.cocsync.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cocsync.accounts.CloudVendor;
import io.cocsync.accounts.SyncState;
import io.cocsync.inventory.RegionCounts;
import io.cocsync.storage.DirectJdbc;
import io.cocsync.storage.StoredJson;
import io.cocsync.sync.SyncTask.AccountOutcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/** Synchronization tasks and their per-account outcomes in the relational store. */
public final class TaskRepository {

    /**
     * Counts of an account whose read has not stored anything (yet): a read that was rolled back
     * (a crash, a stop) leaves nothing in the inventory, so its counts must not stay either.
     */
    private static final String NO_COUNTS = "regions = '[]', resources_read = 0, resources_added = 0,"
            + " resources_updated = 0, resources_removed = 0";

    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};
    private static final TypeReference<List<RegionCounts>> REGION_LIST = new TypeReference<>() {};

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public TaskRepository(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        // stored counts that a newer version wrote with more fields still read: see StoredJson
        this.json = StoredJson.tolerant(json);
    }

    /** Written for every accepted task, in plain JDBC (see {@link DirectJdbc}). */
    void insertWaiting(Handle handle, String taskId, String domainId, CloudVendor vendor,
            List<AccountClaims.NamedAccount> accounts, OffsetDateTime now) {
        DirectJdbc.update(handle, "INSERT INTO sync_task (id, domain_id, vendor, status, create_time)"
                + " VALUES (?, ?, ?, 'WAITING', ?)", List.of(taskId, domainId, vendor.name(), now));
        List<List<Object>> rows = new ArrayList<>(accounts.size());
        for (int i = 0; i < accounts.size(); i++) {
            rows.add(List.of(taskId, accounts.get(i).id(), accounts.get(i).accountId(), i));
        }
        DirectJdbc.batch(handle, "INSERT INTO sync_task_account (task_id, vendor_account_id, account_id, position,"
                + " status, errors, regions, resources_read, resources_added, resources_updated, resources_removed)"
                + " VALUES (?, ?, ?, ?, 'WAITING', '[]', '[]', 0, 0, 0, 0)", rows);
    }

    public Optional<SyncTask> find(String taskId) {
        return find(taskId, null);
    }

    /**
     * The task if it belongs to the domain, in one query with the domain in its condition: another
     * domain's task takes the same path as a missing one, so neither the answer nor its time tells
     * that it exists.
     */
    public Optional<SyncTask> findInDomain(String taskId, String domainId) {
        return find(taskId, java.util.Objects.requireNonNull(domainId));
    }

    private Optional<SyncTask> find(String taskId, String domainId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id, vendor, status, failure_msg, create_time,"
                                + " start_time, end_time FROM sync_task WHERE id = :id"
                                + (domainId == null ? "" : " AND domain_id = :domainId"))
                .bind("id", taskId)
                .bindMap(domainId == null ? java.util.Map.of() : java.util.Map.of("domainId", domainId))
                .map((rs, ctx) -> new SyncTask(
                        rs.getString("id"),
                        CloudVendor.valueOf(rs.getString("vendor")),
                        SyncState.valueOf(rs.getString("status")),
                        rs.getString("failure_msg"),
                        rs.getObject("create_time", OffsetDateTime.class),
                        rs.getObject("start_time", OffsetDateTime.class),
                        rs.getObject("end_time", OffsetDateTime.class),
                        outcomes(handle, taskId)))
                .findOne());
    }

    private List<AccountOutcome> outcomes(Handle handle, String taskId) {
        return handle.createQuery("SELECT * FROM sync_task_account WHERE task_id = :task ORDER BY position")
                .bind("task", taskId)
                .map((rs, ctx) -> outcome(rs))
                .list();
    }

    private AccountOutcome outcome(ResultSet rs) throws SQLException {
        return new AccountOutcome(
                rs.getString("vendor_account_id"),
                rs.getString("account_id"),
                SyncState.valueOf(rs.getString("status")),
                rs.getString("failure_msg"),
                read(rs.getString("errors"), STRING_LIST),
                read(rs.getString("regions"), REGION_LIST),
                rs.getLong("resources_read"),
                rs.getLong("resources_added"),
                rs.getLong("resources_updated"),
                rs.getLong("resources_removed"),
                rs.getObject("start_time", OffsetDateTime.class),
                rs.getObject("end_time", OffsetDateTime.class));
    }

    public void markTaskFinished(Handle handle, String taskId, SyncState state, String failureMsg,
            OffsetDateTime now) {
        handle.createUpdate("UPDATE sync_task SET status = :state, failure_msg = :msg, end_time = :now,"
                        + " owner = NULL, lease_until = NULL WHERE id = :id")
                .bind("id", taskId)
                .bind("state", state.name())
                .bind("msg", failureMsg)
                .bind("now", now)
                .execute();
    }

    public void markAccountRunning(Handle handle, String taskId, String vendorAccountId, OffsetDateTime now) {
        handle.createUpdate("UPDATE sync_task_account SET status = 'RUNNING', start_time = :now, " + NO_COUNTS
                        + " WHERE task_id = :task AND vendor_account_id = :account")
                .bind("task", taskId)
                .bind("account", vendorAccountId)
                .bind("now", now)
                .execute();
    }

    /** Progress while an account is being read: what has been read and written so far. */
    public void recordProgress(String taskId, String vendorAccountId, AccountProgress progress) {
        jdbi.useHandle(handle -> bindProgress(handle.createUpdate("UPDATE sync_task_account SET"
                                + " resources_read = :read, resources_added = :added, resources_updated = :updated,"
                                + " regions = :regions WHERE task_id = :task AND vendor_account_id = :account"),
                        taskId, vendorAccountId, progress)
                .execute());
    }

    public void markAccountFinished(Handle handle, String taskId, String vendorAccountId, SyncState state,
            AccountProgress progress, OffsetDateTime now) {
        bindProgress(handle.createUpdate("UPDATE sync_task_account SET status = :state, failure_msg = :msg,"
                                + " errors = :errors, regions = :regions, resources_read = :read,"
                                + " resources_added = :added, resources_updated = :updated,"
                                + " resources_removed = :removed, end_time = :now"
                                + " WHERE task_id = :task AND vendor_account_id = :account"),
                        taskId, vendorAccountId, progress)
                .bind("state", state.name())
                .bind("msg", progress.failureMsg())
                .bind("errors", write(progress.errors()))
                .bind("now", now)
                .execute();
    }

    private Update bindProgress(Update update, String taskId, String vendorAccountId, AccountProgress progress) {
        RegionCounts total = progress.total();
        return update.bind("task", taskId)
                .bind("account", vendorAccountId)
                .bind("read", total.read())
                .bind("added", total.added())
                .bind("updated", total.updated())
                .bind("removed", total.removed())
                .bind("regions", write(progress.regions()));
    }

    /** The task's accounts that were being read go back to waiting, counting nothing; returns their ids. */
    public List<String> resetRunningAccounts(Handle handle, String taskId) {
        List<String> running = handle.createQuery("SELECT vendor_account_id FROM sync_task_account"
                        + " WHERE task_id = :task AND status = 'RUNNING'")
                .bind("task", taskId)
                .mapTo(String.class)
                .list();
        handle.createUpdate("UPDATE sync_task_account SET status = 'WAITING', " + NO_COUNTS
                        + " WHERE task_id = :task AND status = 'RUNNING'")
                .bind("task", taskId)
                .execute();
        return running;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode task details as JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored task details are not the JSON they should be", e);
        }
    }
}
