package io.cocsync.sync;

import io.cocsync.storage.Database;
import java.nio.file.Path;

class TaskLeaseH2Test extends TaskLeaseContract {

    @Override
    Database openDatabase(Path dataDir) {
        return Database.openEmbedded(dataDir);
    }
}
