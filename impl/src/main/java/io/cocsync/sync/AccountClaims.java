package io.cocsync.sync;

import io.cocsync.accounts.CloudVendor;
import io.cocsync.storage.DirectJdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The rule "no account is in two waiting or running tasks", kept by the database for every
 * server instance that shares it: a task claims each account it covers with a row whose
 * primary key is the account, inserted in the transaction that creates the task and deleted in
 * the one that records the account's outcome. Two requests that race for an account both
 * insert; the database lets one commit and fails the other with a unique-key violation, which
 * {@link SyncService} answers by deciding again. Deleting the account deletes its claim; a
 * claim inserted while the account is being deleted fails on the foreign key (on PostgreSQL,
 * which checks it against the committed delete), and deciding again finds the account gone.
 */
final class AccountClaims {

    /**
     * An account that a sync request names, with the task that holds its claim (null when none
     * does): what deciding the request needs of it, read with its claim in one statement.
     */
    record NamedAccount(String id, String accountId, String domainId, String claimedBy) {}

    private static final String NAMED_ACCOUNTS = "SELECT a.id, a.account_id, a.domain_id, c.task_id"
            + " FROM vendor_account a LEFT JOIN account_claim c ON c.vendor_account_id = a.id";

    /** The vendor's account with this account_id, whichever domain it is in. */
    Optional<NamedAccount> account(Handle handle, CloudVendor vendor, String accountId) {
        // read by nearly every sync request
        return DirectJdbc.query(handle, NAMED_ACCOUNTS + " WHERE a.vendor = ? AND a.account_id = ?",
                        List.of(vendor.name(), accountId), AccountClaims::named)
                .stream()
                .findFirst();
    }

    /** Every account of the vendor in the domain, by id. */
    List<NamedAccount> accountsOfVendor(Handle handle, String domainId, CloudVendor vendor) {
        return handle.createQuery(NAMED_ACCOUNTS + " WHERE a.domain_id = :domainId AND a.vendor = :vendor"
                        + " ORDER BY a.id")
                .bind("domainId", domainId)
                .bind("vendor", vendor.name())
                .map((rs, ctx) -> named(rs))
                .list();
    }

    /** By position, in the order of {@link #NAMED_ACCOUNTS}: H2 looks names up slowly. */
    private static NamedAccount named(ResultSet rs) throws SQLException {
        return new NamedAccount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
    }

    /** Fails with a unique-key violation if another task holds one of the accounts. */
    void claim(Handle handle, String taskId, List<String> vendorAccountIds) {
        DirectJdbc.batch(handle, "INSERT INTO account_claim (vendor_account_id, task_id) VALUES (?, ?)",
                vendorAccountIds.stream().map(id -> List.of(id, taskId)).toList());
    }

    void release(Handle handle, String taskId, String vendorAccountId) {
        handle.createUpdate("DELETE FROM account_claim WHERE vendor_account_id = :account AND task_id = :task")
                .bind("account", vendorAccountId)
                .bind("task", taskId)
                .execute();
    }
}
