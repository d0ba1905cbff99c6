package io.midtier.broker;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jms.support.destination.CachingDestinationResolver;
import org.springframework.jms.support.destination.DynamicDestinationResolver;

/**
 * Resolves a queue or topic name once and keeps the destination: camel-jms would otherwise ask the session for it on
 * every send and for every consumer it creates (with XA consumers, one per receive). An Artemis destination is a
 * plain value (its address), valid in every session and connection, so keeping it is safe; temporary destinations are
 * not resolved by name and never cached here.
 */
public final class CachedDestinations implements CachingDestinationResolver {

    private record Key(String name, boolean topic) {
    }

    private final DynamicDestinationResolver resolver = new DynamicDestinationResolver();
    private final Map<Key, Destination> destinations = new ConcurrentHashMap<>();

    @Override
    public Destination resolveDestinationName(Session session, String name, boolean topic) throws JMSException {
        Key key = new Key(name, topic);
        Destination known = destinations.get(key);
        if (known != null) {
            return known;
        }
        Destination resolved = resolver.resolveDestinationName(session, name, topic);
        destinations.putIfAbsent(key, resolved);
        return resolved;
    }

    @Override
    public void removeFromCache(String name) {
        destinations.keySet().removeIf(key -> key.name().equals(name));
    }

    @Override
    public void clearCache() {
        destinations.clear();
    }
}
