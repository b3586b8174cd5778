package io.cocsync.sync;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The rule "no account is in two waiting or running tasks", kept by the database for every
 * server instance that shares it: a task claims each account it covers with a row whose
 * primary key is the account, inserted in the transaction that creates the task and deleted in
 * the one that records the account's outcome. Two requests that race for an account both
 * insert; the database lets one commit and fails the other with a unique-key violation, which
 * {@link SyncService} answers by deciding again. Deleting the account deletes its claim.
 */
final class AccountClaims {

    /** The SQL state of a unique-key violation, on H2 and PostgreSQL alike. */
    static final String UNIQUE_VIOLATION = "23505";

    Optional<String> activeTaskOf(Handle handle, String vendorAccountId) {
        return handle.createQuery("SELECT task_id FROM account_claim WHERE vendor_account_id = :account")
                .bind("account", vendorAccountId)
                .mapTo(String.class)
                .findOne();
    }

    /** Fails with a unique-key violation if another task holds the account. */
    void claim(Handle handle, String taskId, String vendorAccountId) {
        handle.createUpdate("INSERT INTO account_claim (vendor_account_id, task_id) VALUES (:account, :task)")
                .bind("account", vendorAccountId)
                .bind("task", taskId)
                .execute();
    }

    void release(Handle handle, String taskId, String vendorAccountId) {
        handle.createUpdate("DELETE FROM account_claim WHERE vendor_account_id = :account AND task_id = :task")
                .bind("account", vendorAccountId)
                .bind("task", taskId)
                .execute();
    }
}
