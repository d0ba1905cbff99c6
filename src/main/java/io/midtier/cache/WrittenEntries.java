package io.midtier.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The write path's one call into the read path, after its transaction committed and before its 202 leaves: the
 * entry of the exchange's {@code type} and {@code id} leaves this instance's near cache (read-your-writes here), and
 * the instances in notify mode are told through PostgreSQL ({@link NearCacheListener#CHANNEL}).
 */
public final class WrittenEntries implements Processor {

    private final NearCache near;
    private final DataSource dataSource;

    public WrittenEntries(NearCache near, DataSource dataSource) {
        this.near = near;
        this.dataSource = dataSource;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String key = NearCache.key(exchange.getProperty("type", String.class), exchange.getProperty("id", String.class));
        near.invalidate(key);
        // in every mode (instances of one database may run different modes). Should it fail, the write stays
        // committed but is answered with an error, not 202: no instance promised anything yet.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
            notify.setString(1, NearCacheListener.CHANNEL);
            notify.setString(2, key);
            notify.execute();
        }
    }
}
