package io.midtier.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midtier.tx.NamedRecoveryHelper;
import java.nio.file.Path;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;
import org.jboss.narayana.jta.jms.JmsXAResourceRecoveryHelper;
import org.junit.jupiter.api.Test;

// The broker's recovery helper as Narayana drives it, against a real broker killed and restarted while a scan was
// open: the first scan after the restart fails on the dead connection, the next one connects anew and works. Before
// the fix (NamedXAResource ends a scan whose start failed) every later scan failed too, for ever, and the
// transactions whose broker branch waited for recovery stayed prepared (docs/reliability.md).
class BrokerRecoveryScanIT {

    @Test
    void a_scan_after_the_broker_came_back_connects_anew() throws Exception {
        try (ArtemisBroker broker = ArtemisBroker.create(Path.of("target", "reliability", "recovery-scan-broker"))) {
            broker.start();
            ActiveMQXAConnectionFactory factory = new ActiveMQXAConnectionFactory(broker.url());
            factory.setReconnectAttempts(0);
            NamedRecoveryHelper helper = NamedRecoveryHelper.of(
                    new JmsXAResourceRecoveryHelper(factory, broker.user(), broker.password()), "midtier-broker",
                    "ActiveMQ Artemis");

            // a pass whose scan is open when the broker dies (Narayana ends it later, in the same pass)
            XAResource first = helper.getXAResources()[0];
            assertThat(first.recover(XAResource.TMSTARTRSCAN)).isEmpty();
            broker.kill();
            broker.start();

            // the pass after the restart: the helper still holds the dead connection, so its scan fails
            XAResource stale = helper.getXAResources()[0];
            assertThatThrownBy(() -> stale.recover(XAResource.TMSTARTRSCAN)).isInstanceOf(XAException.class);

            // the next pass connects anew
            XAResource fresh = helper.getXAResources()[0];
            assertThat(fresh.recover(XAResource.TMSTARTRSCAN)).isEmpty();
            fresh.recover(XAResource.TMENDRSCAN);
            factory.close();
        }
    }
}
