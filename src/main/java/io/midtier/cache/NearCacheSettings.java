package io.midtier.cache;

import io.midtier.run.SettingsReader;

/**
 * The near cache ({@code midtier.cache.near.*}): its consistency mode, its bounds, and in notify mode how often the
 * listener proves it is caught up (a heartbeat through PostgreSQL's notification queue) and the most it may lag
 * before the near copies are no longer served without asking, and whether near hits are answered on the HTTP server's
 * event loop ({@link NearHits}) or by the read-through route.
 */
public record NearCacheSettings(NearCacheMode mode, long maxEntries, long maxBytes, long heartbeatMs, long maxLagMs,
                                boolean serveOnEventLoop) {

    public static NearCacheSettings read(SettingsReader settings) {
        return new NearCacheSettings(NearCacheMode.parse(settings.text("midtier.cache.near.mode")),
                settings.longNumber("midtier.cache.near.max-entries"),
                settings.longNumber("midtier.cache.near.max-bytes"),
                settings.longNumber("midtier.cache.near.notify.heartbeat-ms"),
                settings.longNumber("midtier.cache.near.notify.max-lag-ms"),
                settings.flag("midtier.cache.near.serve-on-event-loop"));
    }
}
