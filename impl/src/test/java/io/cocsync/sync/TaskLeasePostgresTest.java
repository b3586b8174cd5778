package io.cocsync.sync;

import io.cocsync.storage.Database;
import io.cocsync.storage.TestPostgres;
import java.nio.file.Path;

class TaskLeasePostgresTest extends TaskLeaseContract {

    @Override
    Database openDatabase(Path dataDir) {
        return TestPostgres.openNew();
    }
}
