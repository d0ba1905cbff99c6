package io.midtier.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables midtier reads, for the tests of the files that set them (docker-compose, Kubernetes):
 * every key of its properties files as Camel's properties component looks it up in the environment (upper case,
 * '.' and '-' as '_'), camel-main's profile selector, and the variables its launcher script reads.
 */
final class MidtierVariables {

    /** The launcher every deployment starts midtier through (its own MIDTIER_JAVA_OPTS). */
    static final Path LAUNCHER = Path.of("scripts", "midtier-java");

    private MidtierVariables() {
    }

    static Set<String> readable() {
        Set<String> names = new HashSet<>();
        for (String file : new String[] {"/application.properties", "/application-prod.properties"}) {
            for (String key : load(file).stringPropertyNames()) {
                String name = variable(key);
                // camel-main does not read camel.server.* from the environment (README: MIDTIER_HTTP_PORT instead)
                if (!name.startsWith("CAMEL_SERVER_")) {
                    names.add(name);
                }
            }
        }
        names.add("CAMEL_MAIN_PROFILE");
        try {
            Matcher m = Pattern.compile("\\$\\{(MIDTIER_[A-Z0-9_]+)").matcher(Files.readString(LAUNCHER));
            while (m.find()) {
                names.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** A setting's environment variable: {@code midtier.db.pool-size} is {@code MIDTIER_DB_POOL_SIZE}. */
    static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** Camel skips environment variables named CAMEL_*_PORT: they look like Kubernetes service variables. */
    static boolean ignoredByCamel(String name) {
        return name.startsWith("CAMEL_") && name.endsWith("_PORT");
    }

    static Properties shipped() {
        return load("/application.properties");
    }

    private static Properties load(String resource) {
        Properties properties = new Properties();
        try (InputStream in = MidtierVariables.class.getResourceAsStream(resource)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
