package io.midtier.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midtier.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// the instance claim's rules on a real PostgreSQL, one session per "instance": a second embedded-broker instance and a
// second holder of a node id are refused, external-broker instances start side by side, and a released session frees
// the place at once
class InstanceClaimTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    /** Refusals are final at once here (the settle wait is for a process killed a moment ago). */
    private static final Duration NO_SETTLE = Duration.ZERO;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void release() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        opened.clear();
    }

    @Test
    void a_second_embedded_broker_instance_is_refused_naming_midtier_broker_url_and_the_holder() throws Exception {
        claim("node-a", true);

        assertThatThrownBy(() -> claim("node-b", true))
                .isInstanceOf(StartRefused.class)
                .hasMessageContaining("another midtier instance is running on " + db.url())
                .hasMessageContaining("set midtier.broker.url to a shared broker")
                .hasMessageContaining("'midtier node-a'")
                .hasMessageNotContaining("midtier.tx.node-id")
                .hasMessageNotContaining("\n");
    }

    @Test
    void an_embedded_broker_instance_is_refused_beside_an_external_broker_instance() throws Exception {
        claim("node-a", false);

        assertThatThrownBy(() -> claim("node-b", true))
                .isInstanceOf(StartRefused.class)
                .hasMessageContaining("set midtier.broker.url to a shared broker");
    }

    @Test
    void external_broker_instances_start_beside_each_other_and_beside_an_embedded_one() throws Exception {
        InstanceClaim embedded = claim("node-a", true);
        InstanceClaim second = claim("node-b", false);
        InstanceClaim third = claim("node-c", false);

        assertThat(List.of(embedded, second, third)).allSatisfy(c -> assertThat(c.held()).isTrue());
        // the embedded one kept its place shared, not exclusive: a fourth embedded one is still refused
        assertThatThrownBy(() -> claim("node-d", true)).isInstanceOf(StartRefused.class);
    }

    @Test
    void a_second_instance_with_the_same_node_id_is_refused_naming_midtier_tx_node_id() throws Exception {
        claim("node-a", false);

        assertThatThrownBy(() -> claim("node-a", false))
                .isInstanceOf(StartRefused.class)
                .hasMessageStartingWith("midtier.tx.node-id 'node-a' is in use by another running midtier instance")
                .hasMessageNotContaining("midtier.broker.url");
    }

    @Test
    void both_problems_are_named_in_one_line() throws Exception {
        claim("node-a", true);

        assertThatThrownBy(() -> claim("node-a", true))
                .isInstanceOf(StartRefused.class)
                .hasMessageContaining("midtier.tx.node-id 'node-a'")
                .hasMessageContaining("midtier.broker.url")
                .hasMessageNotContaining("\n");
    }

    @Test
    void a_refused_session_holds_nothing_and_a_closed_claim_frees_the_place_at_once() throws Exception {
        InstanceClaim first = claim("node-a", true);
        Connection refused = session("node-b");
        assertThatThrownBy(() -> InstanceClaim.take(refused, db.url(), "node-b", true, NO_SETTLE))
                .isInstanceOf(StartRefused.class);
        assertThat(db.count("select count(*) from pg_locks where locktype = 'advisory' and pid = ?",
                pid(refused))).isZero();

        first.close();

        // the same session, refused a moment ago, now gets the place (no wait for the server to notice anything)
        assertThat(InstanceClaim.take(refused, db.url(), "node-b", true, NO_SETTLE).held()).isTrue();
    }

    @Test
    void a_refusal_waits_for_a_holder_whose_session_ends_meanwhile() throws Exception {
        Connection dying = session("node-a");
        InstanceClaim.take(dying, db.url(), "node-a", true, NO_SETTLE);
        int pid = pid(dying);
        // as after a kill -9: the server ends the holder's session on its own; the next start is not refused
        db.query("select pg_terminate_backend(?)", pid);

        assertThat(InstanceClaim.take(session("node-a"), db.url(), "node-a", true, Duration.ofSeconds(10)).held())
                .isTrue();
    }

    @Test
    void a_claim_whose_session_was_ended_is_renewed_on_a_new_session() throws Exception {
        Connection first = session("node-a");
        InstanceClaim claim = InstanceClaim.take(first, db.url(), "node-a", true, NO_SETTLE);
        opened.add(claim);
        db.query("select pg_terminate_backend(?)", pid(first));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !claim.held());

        assertThat(claim.renew(() -> reconnect("node-a"))).isEmpty();
        assertThat(claim.held()).isTrue();
        assertThatThrownBy(() -> claim("node-b", true)).as("the place is held again").isInstanceOf(StartRefused.class);
    }

    @Test
    void an_embedded_broker_instance_renews_its_claim_beside_the_instances_that_joined_it() throws Exception {
        Connection first = session("node-a");
        InstanceClaim claim = InstanceClaim.take(first, db.url(), "node-a", true, NO_SETTLE);
        opened.add(claim);
        claim("node-b", false);
        db.query("select pg_terminate_backend(?)", pid(first));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !claim.held());

        assertThat(claim.renew(() -> reconnect("node-a"))).isEmpty();
        assertThatThrownBy(() -> claim("node-c", true)).as("still one embedded broker").isInstanceOf(StartRefused.class);
    }

    @Test
    void a_claim_another_instance_took_meanwhile_is_not_renewed_and_says_why() throws Exception {
        Connection first = session("node-a");
        InstanceClaim claim = InstanceClaim.take(first, db.url(), "node-a", true, NO_SETTLE);
        opened.add(claim);
        db.query("select pg_terminate_backend(?)", pid(first));
        InstanceClaim.take(session("node-b"), db.url(), "node-b", true, Duration.ofSeconds(10));

        assertThat(claim.renew(() -> reconnect("node-a"))).hasValueSatisfying(problem -> assertThat(problem)
                .contains("set midtier.broker.url to a shared broker").contains("'midtier node-b'"));
        assertThat(claim.held()).isFalse();
    }

    @Test
    void the_holding_session_is_named_and_ended_by_the_server_when_its_host_vanishes() throws Exception {
        Connection c = session("node-a");
        InstanceClaim.take(c, db.url(), "node-a", false, NO_SETTLE);

        Map<String, Object> row = TestDatabase.query(c, "select current_setting('application_name') as name,"
                + " current_setting('tcp_keepalives_idle') as idle, current_setting('tcp_keepalives_count') as count")
                .get(0);
        assertThat(row).containsEntry("name", "midtier node-a").containsEntry("idle", "10")
                .containsEntry("count", "3");
    }

    @Test
    void the_verdict_table() {
        assertThat(InstanceClaim.Verdict.of(true, true)).isEqualTo(InstanceClaim.Verdict.CLAIMED);
        assertThat(InstanceClaim.Verdict.of(false, true)).isEqualTo(InstanceClaim.Verdict.NODE_ID_IN_USE);
        assertThat(InstanceClaim.Verdict.of(true, false)).isEqualTo(InstanceClaim.Verdict.DATABASE_IN_USE);
        assertThat(InstanceClaim.Verdict.of(false, false))
                .isEqualTo(InstanceClaim.Verdict.NODE_ID_AND_DATABASE_IN_USE);
    }

    private InstanceClaim claim(String nodeId, boolean embedded) throws SQLException {
        InstanceClaim claim = InstanceClaim.take(session(nodeId), db.url(), nodeId, embedded, NO_SETTLE);
        opened.add(claim);
        return claim;
    }

    private Connection session(String nodeId) throws SQLException {
        var properties = InstanceClaim.sessionProperties(nodeId);
        properties.setProperty("user", TestDatabase.USER);
        Connection c = DriverManager.getConnection(db.url(), properties);
        opened.add(c);
        return c;
    }

    private Connection reconnect(String nodeId) {
        try {
            return session(nodeId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int pid(Connection c) throws SQLException {
        return ((Number) TestDatabase.query(c, "select pg_backend_pid() as pid").get(0).get("pid")).intValue();
    }
}
