package io.midtier.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The HTTP users from configuration: {@code name:password:role|role}, comma separated. A password may
 * contain ':' (the name ends at the first, the roles start after the last) but not ','.
 */
public final class HttpUsers {

    /** One configured user. */
    public record User(String name, String password, Set<String> roles) {
        @Override
        public String toString() {
            return "User[" + name + ", roles " + roles + "]";
        }
    }

    private final Map<String, User> users;

    private HttpUsers(Map<String, User> users) {
        this.users = users;
    }

    public static HttpUsers parse(String spec) {
        Map<String, User> users = new LinkedHashMap<>();
        if (spec != null) {
            for (String entry : spec.split(",")) {
                String trimmed = entry.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int first = trimmed.indexOf(':');
                int last = trimmed.lastIndexOf(':');
                if (first <= 0 || first == last) {
                    throw new IllegalArgumentException("midtier.security.users: '" + trimmed.substring(0, Math.max(first, 0))
                            + "...' is not name:password:role|role");
                }
                String name = trimmed.substring(0, first);
                Set<String> roles = Arrays.stream(trimmed.substring(last + 1).split("\\|"))
                        .map(String::trim).filter(r -> !r.isEmpty()).collect(Collectors.toUnmodifiableSet());
                users.put(name, new User(name, trimmed.substring(first + 1, last), roles));
            }
        }
        return new HttpUsers(Collections.unmodifiableMap(users));
    }

    /** The user if the password is right; compared in constant time. */
    public Optional<User> authenticate(String name, String password) {
        User user = users.get(name);
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        byte[] expected = (user == null ? "\u0000no-such-user" : user.password()).getBytes(StandardCharsets.UTF_8);
        boolean match = MessageDigest.isEqual(given, expected);
        return user != null && match ? Optional.of(user) : Optional.empty();
    }

    public Map<String, User> all() {
        return users;
    }
}
