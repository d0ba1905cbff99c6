package io.midtier.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

// The fault-injection harness's processes: the standalone broker keeps a sent message across kill -9 and
// restart, with midtier's queue settings; the private PostgreSQL cuts open connections on restart and comes back.
class ExternalInfrastructureIT {

    @Test
    void the_broker_keeps_its_journal_across_a_kill_and_knows_midtiers_queues() throws Exception {
        try (ArtemisBroker broker = ArtemisBroker.create(Path.of("target", "reliability", "it-broker"))) {
            broker.start();
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url(), broker.user(),
                    broker.password());
            factory.setReconnectAttempts(0);
            try (Connection connection = factory.createConnection();
                 Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                 MessageProducer producer = session.createProducer(session.createQueue("midtier.updates"))) {
                producer.send(session.createTextMessage("kept"));
                producer.send(session.createTextMessage("kept too"));
            }
            assertThat(broker.messageCount("midtier.updates")).isEqualTo(2);
            assertThat(broker.messageCount("DLQ.midtier.updates")).as("the dead-letter queue exists").isZero();

            broker.kill();
            assertThat(broker.isRunning()).isFalse();
            assertThatThrownBy(factory::createConnection).as("nobody listens after the kill").isNotNull();

            broker.start();
            assertThat(broker.messageCount("midtier.updates")).as("the journal survived kill -9").isEqualTo(2);
            assertThat(broker.messageCount("no.such.queue")).isZero();
            factory.close();
        }
    }

    @Test
    void the_private_postgresql_cuts_connections_on_restart_and_comes_back() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start(Path.of("target", "reliability", "it-pg"), "legacy")) {
            assertThat(cluster.restartable()).isTrue();
            try (java.sql.Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "postgres", "");
                 Statement s = c.createStatement()) {
                assertThat(scalar(s, "show max_prepared_transactions")).isEqualTo("100");
                s.execute("create table t(id int)");
                cluster.restart();
                assertThatThrownBy(() -> s.executeQuery("select 1"))
                        .as("the restart cut the open connection")
                        .isInstanceOf(SQLException.class);
            }
            try (java.sql.Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "postgres", "");
                 Statement s = c.createStatement()) {
                assertThat(scalar(s, "select count(*) from t")).isEqualTo("0");
            }
            try (java.sql.Connection c = DriverManager.getConnection(cluster.jdbcUrl("legacy"), "postgres", "")) {
                assertThat(c.isValid(2)).isTrue();
            }
            assertThat(cluster.preparedTransactions()).isZero();
        }
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
