package io.cocsync.auth;

import java.util.Arrays;
import java.util.Optional;

/** The IAM-style actions a credential may be granted; one per API operation. */
public enum Action {
    SYNC_RESOURCES("coc:instance:syncResources"),
    LIST_RESOURCES("coc:instance:listResources"),
    SHOW_SYNC_TASK("coc:instance:showSyncTask"),
    CREATE_ACCOUNT("coc:vendorAccount:create"),
    LIST_ACCOUNTS("coc:vendorAccount:list"),
    UPDATE_ACCOUNT("coc:vendorAccount:update"),
    DELETE_ACCOUNT("coc:vendorAccount:delete"),
    /** Not an API operation: an online backup of the embedded database ({@code POST /admin/backup}). */
    BACKUP("coc:admin:backup");

    private final String iamName;

    Action(String iamName) {
        this.iamName = iamName;
    }

    /** The name used in the credentials file, the spec's {@code x-iam-action} and error messages. */
    public String iamName() {
        return iamName;
    }

    public static Optional<Action> byIamName(String name) {
        return Arrays.stream(values()).filter(action -> action.iamName.equals(name)).findFirst();
    }
}
