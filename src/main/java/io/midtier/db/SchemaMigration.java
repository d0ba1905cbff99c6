package io.midtier.db;

import org.flywaydb.core.Flyway;

/** Brings the cache schema up to date with Flyway before anything reads or writes it. */
public final class SchemaMigration {

    private SchemaMigration() {
    }

    public static void migrate(DatabaseSettings db) {
        Flyway.configure()
                .dataSource(db.url(), db.user(), db.password())
                .locations("classpath:db/migration")
                // migrations are numbered by the issue that adds them (V3 changes, V6 delivery), and issues are
                // merged in any order: a database that already has V6 still gets a later-merged V3
                .outOfOrder(true)
                .load()
                .migrate();
    }
}
