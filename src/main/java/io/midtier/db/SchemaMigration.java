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
                .load()
                .migrate();
    }
}
