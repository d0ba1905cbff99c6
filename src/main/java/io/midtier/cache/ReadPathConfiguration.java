package io.midtier.cache;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.midtier.MidtierSettings;
import io.midtier.api.RequestIds;
import io.midtier.db.PlainDataSourceFactory;
import io.midtier.run.CloseOnStop;
import io.midtier.run.EnumChoices;
import io.midtier.run.SettingsReader;
import io.midtier.security.HttpSecurityInstaller;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The read path's beans: {@code accountReads} (a GET's lookup and answer), {@code cacheLookup} (the row for the write
 * path's read and the single flight's second look), {@code coalescedLoads} (the single flight, which runs
 * {@code direct:load-account} once per key, with its own small pool for the per-key advisory locks, opened here after
 * the prod guard of the operations configuration has run; validate mode's questions have a pool of one connection of
 * their own, and a thread that asks them for hits answered on the event loop), {@code nearCache} (in notify mode
 * followed by {@code nearCacheListener}; its hits answered in front of the routes by {@link NearHits}),
 * {@code writtenEntries} (the write path's call before its 202) and {@code cacheCounters}.
 */
public class ReadPathConfiguration implements CamelConfiguration {

    /** The most validate-mode hits one statement answers (more wait for the next). */
    static final int GROUPED_CHECKS_MAX_KEYS = 64;

    @Override
    public void configure(CamelContext context) throws Exception {
        // read-through's choices compare the lookup with constants, on every hit
        EnumChoices.register(context, Lookup.class);
        SettingsReader properties = SettingsReader.of(context);
        ReadPathSettings settings = ReadPathSettings.read(properties);
        NearCacheSettings nearSettings = NearCacheSettings.read(properties);
        KeyLocks locks = KeyLocks.open(MidtierSettings.database(properties), settings.lockPoolSize(),
                settings.lockWaitMs());
        CloseOnStop.register(context, "the advisory lock pool", locks);
        context.getRegistry().bind("coalescedLoads", new CoalescedLoads(locks, context.createProducerTemplate(),
                "direct:load-account", settings.maxWaitMs()));

        DataSource dataSource = context.getRegistry().lookupByNameAndType("cacheDataSource", DataSource.class);
        CacheRows rows = new CacheRows(dataSource);
        NearCache near = new NearCache(nearSettings.mode(), nearSettings.maxEntries(), nearSettings.maxBytes());
        CacheCounters counters = new CacheCounters(
                () -> context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class));
        context.addStartupListener((started, alreadyStarted) -> counters.register());
        if (nearSettings.mode() == NearCacheMode.NOTIFY) {
            NearCacheListener listener = new NearCacheListener(MidtierSettings.database(properties), near,
                    nearSettings.heartbeatMs(), nearSettings.maxLagMs());
            CloseOnStop.register(context, "the near cache's listener", listener);
            context.getRegistry().bind("nearCacheListener", listener);
            listener.start();
        }
        context.getRegistry().bind("nearCache", near);
        context.getRegistry().bind("cacheCounters", counters);
        context.getRegistry().bind("cacheLookup", new CacheLookup(rows));
        WrittenEntries written = new WrittenEntries(near, WrittenEntries.throughPostgres(dataSource),
                nearSettings.heartbeatMs());
        CloseOnStop.register(context, "the near cache notices' retries", written);
        context.getRegistry().bind("writtenEntries", written);
        // validate mode's questions: one connection of their own (a pool of one, for its broken-connection handling)
        AgroalDataSource checkPool = PlainDataSourceFactory.create(MidtierSettings.database(properties), 1);
        CheckConnection checkConnection = new CheckConnection(checkPool);
        // the questions of hits answered on the event loop are asked by a thread of their own (one asks at a time)
        ExecutorService asker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "midtier-validate-questions");
            thread.setDaemon(true);
            return thread;
        });
        CloseOnStop.register(context, "the validate questions' asker", asker::shutdownNow);
        CloseOnStop.register(context, "the validate questions' connection", checkConnection);
        CloseOnStop.register(context, "the validate questions' pool", checkPool);
        GroupedChecks checks = new GroupedChecks(checkConnection, GROUPED_CHECKS_MAX_KEYS, asker);
        context.getRegistry().bind("accountReads", new AccountReads(new RequestIds(), rows, checks, near, counters));
        if (near.enabled() && nearSettings.serveOnEventLoop()) {
            // after the start-up gate, the request guard and the security handler (OperationsConfiguration runs first
            // and installs them): a near hit is answered only to a request the routes would have answered
            HttpSecurityInstaller.install(context, new NearHits(near, checks, counters));
        }
    }
}
