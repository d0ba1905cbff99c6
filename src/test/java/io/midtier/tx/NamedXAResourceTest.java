package io.midtier.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;

// A recovery scan whose start fails is ended at once, so a recovery helper holding a dead connection (the broker's,
// after the broker was killed) lets go of it and connects anew on the next pass.
class NamedXAResourceTest {

    /** An XA resource that records the flags of its recover calls and fails those it is told to. */
    private static final class ScanRecorder implements XAResource {
        final List<Integer> scans = new ArrayList<>();
        final List<Integer> failing;

        ScanRecorder(Integer... failing) {
            this.failing = List.of(failing);
        }

        @Override
        public Xid[] recover(int flag) throws XAException {
            scans.add(flag);
            if (failing.contains(flag)) {
                throw new XAException(XAException.XAER_RMFAIL);
            }
            return new Xid[0];
        }

        @Override
        public void commit(Xid xid, boolean onePhase) {
        }

        @Override
        public void end(Xid xid, int flags) {
        }

        @Override
        public void forget(Xid xid) {
        }

        @Override
        public int getTransactionTimeout() {
            return 0;
        }

        @Override
        public boolean isSameRM(XAResource other) {
            return other == this;
        }

        @Override
        public int prepare(Xid xid) {
            return XA_OK;
        }

        @Override
        public void rollback(Xid xid) {
        }

        @Override
        public boolean setTransactionTimeout(int seconds) {
            return false;
        }

        @Override
        public void start(Xid xid, int flags) {
        }
    }

    @Test
    void a_scan_that_fails_to_start_is_ended_and_its_failure_reported() {
        ScanRecorder broker = new ScanRecorder(XAResource.TMSTARTRSCAN, XAResource.TMENDRSCAN);
        NamedXAResource named = new NamedXAResource(broker, "midtier-broker", "Artemis");

        assertThatThrownBy(() -> named.recover(XAResource.TMSTARTRSCAN)).isInstanceOf(XAException.class)
                .satisfies(e -> assertThat(((XAException) e).errorCode).isEqualTo(XAException.XAER_RMFAIL))
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        assertThat(broker.scans).containsExactly(XAResource.TMSTARTRSCAN, XAResource.TMENDRSCAN);
    }

    @Test
    void a_scan_that_starts_or_ends_normally_is_passed_through_once() throws Exception {
        ScanRecorder broker = new ScanRecorder();
        NamedXAResource named = new NamedXAResource(broker, "midtier-broker", "Artemis");

        named.recover(XAResource.TMSTARTRSCAN);
        named.recover(XAResource.TMENDRSCAN);
        assertThat(broker.scans).containsExactly(XAResource.TMSTARTRSCAN, XAResource.TMENDRSCAN);
    }

    @Test
    void a_failed_end_of_scan_is_not_ended_again() {
        ScanRecorder broker = new ScanRecorder(XAResource.TMENDRSCAN);
        NamedXAResource named = new NamedXAResource(broker, "midtier-broker", "Artemis");

        assertThatThrownBy(() -> named.recover(XAResource.TMENDRSCAN)).isInstanceOf(XAException.class);
        assertThat(broker.scans).containsExactly(XAResource.TMENDRSCAN);
    }
}
