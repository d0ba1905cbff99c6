package io.midtier.cache;

import io.midtier.MidtierSettings;
import io.midtier.run.CloseOnStop;
import io.midtier.run.SettingsReader;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The read path's single flight: binds {@code coalescedLoads}, which runs {@code direct:load-account} once per key,
 * with its own small pool for the per-key advisory locks (opened here, in {@link #configure}, after the prod guard
 * of the operations configuration has run).
 */
public class ReadPathConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        SettingsReader properties = SettingsReader.of(context);
        ReadPathSettings settings = ReadPathSettings.read(properties);
        KeyLocks locks = KeyLocks.open(MidtierSettings.database(properties), settings.lockPoolSize(),
                settings.lockWaitMs());
        CloseOnStop.register(context, "the advisory lock pool", locks);
        context.getRegistry().bind("coalescedLoads", new CoalescedLoads(locks, context.createProducerTemplate(),
                "direct:load-account", settings.maxWaitMs()));
    }
}
