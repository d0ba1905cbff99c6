package io.midtier.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the cache schema up to date with Flyway before anything reads or writes it.
 *
 * <p>Flyway costs about a second of a start (its classes, its scan of the classpath, its validation), and on
 * every start but the first and those after an upgrade it finds nothing to do. So it runs only when the schema
 * history lacks one of the migration scripts this jar carries (or cannot be read): the one query that decides
 * this is far cheaper. What it gives up: a script edited after it was applied (same name, other content) is
 * no longer reported at start; the next new migration's Flyway run validates it.
 */
public final class SchemaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);
    static final String LOCATION = "db/migration";
    private static final String HISTORY_TABLE = "flyway_schema_history";

    private SchemaMigration() {
    }

    public static void migrate(DatabaseSettings db) {
        Set<String> carried = carriedScripts();
        Set<String> missing = new TreeSet<>(carried);
        missing.removeAll(appliedScripts(db));
        if (!carried.isEmpty() && missing.isEmpty()) {
            LOG.info("schema is current ({} migrations applied): Flyway not needed", carried.size());
            return;
        }
        LOG.info("schema migrations to apply: {}", carried.isEmpty() ? "(scripts not listed: Flyway decides)" : missing);
        Flyway.configure()
                .dataSource(db.url(), db.user(), db.password())
                .locations("classpath:" + LOCATION)
                // migrations are numbered by the issue that adds them (V3 changes, V6 delivery), and issues are
                // merged in any order: a database that already has V6 still gets a later-merged V3
                .outOfOrder(true)
                .load()
                .migrate();
    }

    /** Script names of the successful migrations in the schema history; empty when there is none yet. */
    static Set<String> appliedScripts(DatabaseSettings db) {
        Set<String> applied = new TreeSet<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement()) {
            // to_regclass: no error (and no aborted transaction) on a database Flyway has not touched
            try (ResultSet rs = s.executeQuery("select to_regclass('" + HISTORY_TABLE + "') is not null")) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return applied;
                }
            }
            try (ResultSet rs = s.executeQuery("select script from " + HISTORY_TABLE + " where success")) {
                while (rs.next()) {
                    applied.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            // Flyway will report what is wrong with the database in its own words
            LOG.debug("cannot read the schema history: {}", e.toString());
            applied.clear();
        }
        return applied;
    }

    /** The versioned migration scripts (V*.sql) on the classpath, from the jar or from a class folder. */
    static Set<String> carriedScripts() {
        Set<String> scripts = new TreeSet<>();
        try {
            Enumeration<URL> roots = SchemaMigration.class.getClassLoader().getResources(LOCATION);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("jar".equals(root.getProtocol())) {
                    JarURLConnection connection = (JarURLConnection) root.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                            String name = e.nextElement().getName();
                            if (name.startsWith(LOCATION + "/") && name.indexOf('/', LOCATION.length() + 1) < 0) {
                                addIfVersioned(scripts, name.substring(LOCATION.length() + 1));
                            }
                        }
                    }
                } else if ("file".equals(root.getProtocol())) {
                    try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                        files.forEach(f -> addIfVersioned(scripts, f.getFileName().toString()));
                    }
                } else {
                    // a class loader this does not know how to list: let Flyway look
                    return Set.of();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the migration scripts", e);
        } catch (URISyntaxException e) {
            return Set.of();
        }
        return scripts;
    }

    private static void addIfVersioned(Set<String> scripts, String name) {
        if (name.startsWith("V") && name.contains("__") && name.endsWith(".sql")) {
            scripts.add(name);
        }
    }
}
