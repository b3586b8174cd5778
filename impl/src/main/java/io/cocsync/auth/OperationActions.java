package io.cocsync.auth;

import java.util.Map;
import java.util.Optional;

/**
 * The one table of which action each API operation needs, keyed by the spec's operationId.
 * A test checks it against the generated interfaces and the spec's {@code x-iam-action}.
 */
public final class OperationActions {

    public static final Map<String, Action> BY_OPERATION_ID = Map.of(
            "SyncMultiCloudResource", Action.SYNC_RESOURCES,
            "ShowSyncTask", Action.SHOW_SYNC_TASK,
            "ListMultiCloudResources", Action.LIST_RESOURCES,
            "CountMultiCloudResources", Action.LIST_RESOURCES,
            "CreateVendorAccount", Action.CREATE_ACCOUNT,
            "ListVendorAccount", Action.LIST_ACCOUNTS,
            "UpdateVendorAccount", Action.UPDATE_ACCOUNT,
            "DeleteVendorAccount", Action.DELETE_ACCOUNT);

    /** Operations outside the spec's API that operate the server itself (see docs/operations.md). */
    public static final Map<String, Action> ADMIN_BY_OPERATION_ID = Map.of("CreateBackup", Action.BACKUP);

    private OperationActions() {}

    /** The action an operation needs; empty for an operation missing from the table (which is refused). */
    public static Optional<Action> of(String operationId) {
        return Optional.ofNullable(BY_OPERATION_ID.get(operationId))
                .or(() -> Optional.ofNullable(ADMIN_BY_OPERATION_ID.get(operationId)));
    }
}
