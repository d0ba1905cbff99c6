package io.midtier.cache;

import io.midtier.run.SettingsReader;

/**
 * The near cache ({@code midtier.cache.near.*}): its consistency mode, its bounds, and in notify mode how often the
 * listener proves it is caught up (a heartbeat through PostgreSQL's notification queue) and the most it may lag
 * before the near copies are no longer served without asking.
 */
public record NearCacheSettings(NearCacheMode mode, long maxEntries, long maxBytes, long heartbeatMs, long maxLagMs) {

    public static NearCacheSettings read(SettingsReader settings) {
        return new NearCacheSettings(NearCacheMode.parse(settings.text("midtier.cache.near.mode")),
                settings.longNumber("midtier.cache.near.max-entries"),
                settings.longNumber("midtier.cache.near.max-bytes"),
                settings.longNumber("midtier.cache.near.notify.heartbeat-ms"),
                settings.longNumber("midtier.cache.near.notify.max-lag-ms"));
    }
}
