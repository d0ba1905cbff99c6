package io.midtier.reliability;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the external broker and the database come from. The restartable hosts ({@code ArtemisBroker},
 * {@code PostgresCluster}) are found by name when they are on the class path; {@code -Dreliability.broker=embedded}
 * or {@code -Dreliability.database=machine} choose the fallbacks: midtier's embedded broker (inside the jar's
 * process, so it dies with it) and the machine's shared PostgreSQL (never restarted).
 */
final class Hosts {

    private static final String ARTEMIS = "io.midtier.reliability.ArtemisBroker";

    private Hosts() {
    }

    /**
     * A new external broker with its journal in {@code dir}, not yet started; empty = use the embedded broker.
     * {@code settings} are broker properties over its defaults (a static {@code create(Path, Map)} takes them).
     */
    static Optional<BrokerHost> broker(Path dir, Map<String, String> settings) {
        if ("embedded".equals(System.getProperty("reliability.broker"))) {
            return Optional.empty();
        }
        if (!settings.isEmpty()) {
            try {
                Method factory = Class.forName(ARTEMIS).getMethod("create", Path.class, Map.class);
                return Optional.of(BrokerHost.class.cast(factory.invoke(null, dir, settings)));
            } catch (ClassNotFoundException e) {
                return Optional.empty();
            } catch (NoSuchMethodException e) {
                // fall through: a broker on its default settings
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + ARTEMIS + ": " + e, e);
            }
        }
        return create(ARTEMIS, BrokerHost.class, dir);
    }

    /** The database server for the whole run. */
    static DatabaseHost database(Path dir) {
        if (!"machine".equals(System.getProperty("reliability.database"))) {
            Optional<DatabaseHost> cluster = create("io.midtier.reliability.PostgresCluster", DatabaseHost.class, dir);
            if (cluster.isPresent()) {
                return cluster.get();
            }
        }
        return MachinePostgres.fromSystemProperties();
    }

    /** A static {@code create(Path)}/{@code start(Path)}, else a constructor taking a Path, else a no-argument one. */
    private static <T> Optional<T> create(String className, Class<T> type, Path dir) {
        Class<?> found;
        try {
            found = Class.forName(className);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        try {
            for (String name : new String[] {"create", "start"}) {
                try {
                    Method factory = found.getMethod(name, Path.class);
                    if (Modifier.isStatic(factory.getModifiers()) && type.isAssignableFrom(factory.getReturnType())) {
                        return Optional.of(type.cast(factory.invoke(null, dir)));
                    }
                } catch (NoSuchMethodException ignored) {
                    // try the next way
                }
            }
            try {
                Constructor<?> constructor = found.getConstructor(Path.class);
                return Optional.of(type.cast(constructor.newInstance(dir)));
            } catch (NoSuchMethodException e) {
                return Optional.of(type.cast(found.getConstructor().newInstance()));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + className + ": " + e, e);
        }
    }
}
