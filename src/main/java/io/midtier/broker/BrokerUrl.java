package io.midtier.broker;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters an Artemis client URL names, of a single server ({@code tcp://host:61616?callTimeout=5000}) or of a
 * list ({@code (tcp://a:61616,tcp://b:61616)?ha=true&reconnectAttempts=-1}). midtier sets its own client tuning only
 * where the URL is silent: a failover URL's {@code reconnectAttempts=-1} must survive, or the client gives up on the
 * backup after {@code midtier.broker.reconnect-attempts} tries while the backup is still becoming active.
 */
public final class BrokerUrl {

    private final Set<String> parameters;

    private BrokerUrl(Set<String> parameters) {
        this.parameters = parameters;
    }

    public static BrokerUrl parse(String url) {
        Set<String> names = new TreeSet<>();
        if (url == null) {
            return new BrokerUrl(names);
        }
        // a list's own parameters follow its closing parenthesis; each server in it may carry its own as well
        int listEnd = url.startsWith("(") ? url.lastIndexOf(')') : -1;
        addParameters(url.substring(listEnd + 1), names);
        if (listEnd > 0) {
            for (String server : url.substring(1, listEnd).split(",")) {
                addParameters(server, names);
            }
        }
        return new BrokerUrl(names);
    }

    private static void addParameters(String part, Set<String> names) {
        int query = part.indexOf('?');
        if (query < 0) {
            return;
        }
        for (String pair : part.substring(query + 1).split("[&;]")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (!name.isBlank()) {
                // Artemis matches parameter names regardless of case
                names.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
    }

    /** Whether the URL sets this client parameter itself (case-insensitive, e.g. {@code reconnectAttempts}). */
    public boolean names(String parameter) {
        return parameters.contains(parameter.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "BrokerUrl" + parameters;
    }
}
