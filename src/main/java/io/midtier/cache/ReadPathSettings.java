package io.midtier.cache;

import io.midtier.run.SettingsReader;

/**
 * The single flight of cache loads ({@code midtier.cache.coalesce.*}): connections of the small pool holding the
 * per-key advisory locks, how long to wait for a key another instance is loading, and how long a request waits for
 * a load of the same key started by another request of this instance.
 */
public record ReadPathSettings(int lockPoolSize, long lockWaitMs, long maxWaitMs) {

    public static ReadPathSettings read(SettingsReader settings) {
        return new ReadPathSettings(settings.integer("midtier.cache.coalesce.lock-pool-size"),
                settings.longNumber("midtier.cache.coalesce.lock-wait-ms"),
                settings.longNumber("midtier.cache.coalesce.max-wait-ms"));
    }
}
