package io.midtier.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
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
    private static final class ScanRecorder {
        final List<Integer> scans = new ArrayList<>();
        final XAResource resource;

        ScanRecorder(Integer... failing) {
            List<Integer> failed = List.of(failing);
            // only recover is called in these tests; any other call is a mistake of the wrapper
            resource = (XAResource) Proxy.newProxyInstance(XAResource.class.getClassLoader(),
                    new Class<?>[] {XAResource.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("recover")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        int flag = (Integer) args[0];
                        scans.add(flag);
                        if (failed.contains(flag)) {
                            throw new XAException(XAException.XAER_RMFAIL);
                        }
                        return new Xid[0];
                    });
        }
    }

    @Test
    void a_scan_that_fails_to_start_is_ended_and_its_failure_reported() {
        ScanRecorder broker = new ScanRecorder(XAResource.TMSTARTRSCAN, XAResource.TMENDRSCAN);
        NamedXAResource named = new NamedXAResource(broker.resource, "midtier-broker", "Artemis");

        assertThatThrownBy(() -> named.recover(XAResource.TMSTARTRSCAN)).isInstanceOf(XAException.class)
                .satisfies(e -> assertThat(((XAException) e).errorCode).isEqualTo(XAException.XAER_RMFAIL))
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        assertThat(broker.scans).containsExactly(XAResource.TMSTARTRSCAN, XAResource.TMENDRSCAN);
    }

    @Test
    void a_scan_that_starts_or_ends_normally_is_passed_through_once() throws Exception {
        ScanRecorder broker = new ScanRecorder();
        NamedXAResource named = new NamedXAResource(broker.resource, "midtier-broker", "Artemis");

        named.recover(XAResource.TMSTARTRSCAN);
        named.recover(XAResource.TMENDRSCAN);
        assertThat(broker.scans).containsExactly(XAResource.TMSTARTRSCAN, XAResource.TMENDRSCAN);
    }

    @Test
    void a_failed_end_of_scan_is_not_ended_again() {
        ScanRecorder broker = new ScanRecorder(XAResource.TMENDRSCAN);
        NamedXAResource named = new NamedXAResource(broker.resource, "midtier-broker", "Artemis");

        assertThatThrownBy(() -> named.recover(XAResource.TMENDRSCAN)).isInstanceOf(XAException.class);
        assertThat(broker.scans).containsExactly(XAResource.TMENDRSCAN);
    }
}
