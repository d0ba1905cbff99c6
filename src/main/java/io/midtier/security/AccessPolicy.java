package io.midtier.security;

import java.util.Locale;
import java.util.Set;

/**
 * Which role a request needs: anything under /admin needs {@code admin}; any method that changes something
 * needs {@code writer}; reads are open, or need any known user when reads are protected.
 */
public final class AccessPolicy {

    /** What a request needs. {@code role} is null for {@link Need#ANY_USER} and {@link Need#NOBODY}. */
    public record Requirement(Need need, String role) {
    }

    /** Kinds of requirement. */
    public enum Need { NOBODY, ANY_USER, ROLE }

    public static final String WRITER = "writer";
    public static final String ADMIN = "admin";

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final boolean readsOpen;

    public AccessPolicy(boolean readsOpen) {
        this.readsOpen = readsOpen;
    }

    public Requirement requirement(String method, String path) {
        String p = path == null ? "/" : path;
        if (p.equals("/admin") || p.startsWith("/admin/")) {
            return new Requirement(Need.ROLE, ADMIN);
        }
        if (!READ_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            return new Requirement(Need.ROLE, WRITER);
        }
        return readsOpen ? new Requirement(Need.NOBODY, null) : new Requirement(Need.ANY_USER, null);
    }
}
