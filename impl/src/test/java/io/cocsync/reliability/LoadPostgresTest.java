package io.cocsync.reliability;

import io.cocsync.server.ServerConfig;
import io.cocsync.storage.TestPostgres;

/** The same load on PostgreSQL, whose locking and isolation differ from H2's. */
class LoadPostgresTest extends LoadTest {

    @Override
    ServerConfig.Jdbc database() {
        return new ServerConfig.Jdbc(TestPostgres.newDatabase(), TestPostgres.USER, TestPostgres.PASSWORD);
    }
}
