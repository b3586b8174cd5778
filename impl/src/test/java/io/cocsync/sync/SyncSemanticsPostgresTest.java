package io.cocsync.sync;

import io.cocsync.storage.Database;
import io.cocsync.storage.TestPostgres;

/** Every promise of {@link SyncSemanticsTest}, on PostgreSQL. */
class SyncSemanticsPostgresTest extends SyncSemanticsTest {

    private final String url = TestPostgres.newDatabase();

    @Override
    Database openDatabase() {
        return Database.open(url, TestPostgres.USER, TestPostgres.PASSWORD, null);
    }
}
