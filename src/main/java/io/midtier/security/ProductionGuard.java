package io.midtier.security;

import io.midtier.run.StartRefused;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Refuses to start in the prod profile while the back-end is not named, or a password is empty or still the
 * development default shipped in application.properties. Names the settings, never their values.
 */
public final class ProductionGuard {

    public static final String PROD = "prod";

    /** The password settings midtier reads (the HTTP users carry theirs inside midtier.security.users). */
    public static final List<String> PASSWORD_KEYS = List.of("midtier.db.password", "midtier.broker.password",
            "midtier.jmx.password");
    public static final String USERS_KEY = "midtier.security.users";
    /** The back-end midtier reads from and ships every update to: never a default in prod. */
    public static final String BACKEND_URL_KEY = "midtier.backend.url";

    private ProductionGuard() {
    }

    /**
     * @param profile  the active camel-main profile (may be null)
     * @param resolved the values in effect for {@link #BACKEND_URL_KEY}, {@link #PASSWORD_KEYS} and {@link #USERS_KEY}
     */
    public static void check(String profile, Map<String, String> resolved) {
        if (!PROD.equalsIgnoreCase(profile)) {
            return;
        }
        String backend = resolved.get(BACKEND_URL_KEY);
        if (backend == null || backend.isBlank()) {
            // a forgotten back-end must stop the start, not send accepted updates nowhere
            throw new StartRefused("midtier refuses to start: the prod profile is active and "
                    + BACKEND_URL_KEY + " is not set: name the back-end midtier reads from and ships updates to"
                    + " (e.g. environment variable MIDTIER_BACKEND_URL).");
        }
        Set<String> defaults = shippedPasswords();
        List<String> offending = new ArrayList<>();
        for (String key : PASSWORD_KEYS) {
            String value = resolved.get(key);
            if (value == null || value.isEmpty() || defaults.contains(value)) {
                offending.add(key);
            }
        }
        HttpUsers.parse(resolved.get(USERS_KEY)).all().values().forEach(user -> {
            if (user.password().isEmpty() || defaults.contains(user.password())) {
                offending.add(USERS_KEY + " (user " + user.name() + ")");
            }
        });
        if (!offending.isEmpty()) {
            throw new StartRefused("midtier refuses to start: the prod profile is active and these passwords"
                    + " are empty or still the development defaults: " + String.join(", ", offending)
                    + ". Set them (e.g. environment variables MIDTIER_DB_PASSWORD, MIDTIER_BROKER_PASSWORD,"
                    + " MIDTIER_JMX_PASSWORD, MIDTIER_SECURITY_USERS).");
        }
    }

    /** Every password written in the application.properties midtier ships. */
    static Set<String> shippedPasswords() {
        Properties shipped = new Properties();
        try (InputStream in = ProductionGuard.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                shipped.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> passwords = new HashSet<>();
        for (String key : PASSWORD_KEYS) {
            String value = shipped.getProperty(key, "").trim();
            if (!value.isEmpty()) {
                passwords.add(value);
            }
        }
        HttpUsers.parse(shipped.getProperty(USERS_KEY)).all().values().forEach(u -> passwords.add(u.password()));
        return passwords;
    }
}
