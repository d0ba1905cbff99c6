package io.midtier.delivery;

import static io.midtier.testsupport.Updates.rename;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.broker.EmbeddedBroker;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.postoffice.RoutingStatus;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.ServerConsumer;
import org.apache.activemq.artemis.core.server.impl.AckReason;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.activemq.artemis.core.transaction.TransactionOperationAbstract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Per-key order without going round the queue: while an entry's oldest update waits for the broker's redelivery
// (the back-end is down), the newer updates of the entry are parked with their messages, not sent back to the queue;
// the delivery that applies the older update sends the next one again, so all arrive once, in acceptance order, and
// the one sent again goes ahead of the messages queued meanwhile. One consumer, so the order of deliveries is the
// order the broker hands messages out.
class ParkedDeliveryTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static final String ACCOUNT = "1091";
    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "parked-delivery");
        p.put("midtier.broker.redelivery-delay-ms", "1500");
        p.put("midtier.broker.redelivery-multiplier", "1.0");
        p.put("midtier.broker.max-delivery-attempts", "100");
        p.put("midtier.delivery.concurrent-consumers", "1");
        app = MidtierTestApp.start(p);
    }

    @AfterAll
    static void stop() {
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":false}");
        app.close();
    }

    @Test
    void newer_updates_wait_parked_behind_an_older_one_and_are_sent_again_once_it_is_applied() {
        EmbeddedBroker broker = app.bean("embeddedBroker", EmbeddedBroker.class);
        Http.get(app.url("/api/accounts/" + ACCOUNT));
        long sentBefore = broker.messagesAdded("midtier.updates");
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":true}");

        String first = rename(app, ACCOUNT, "PARKED A");
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(first) >= 1);
        String second = rename(app, ACCOUNT, "PARKED B");
        String third = rename(app, ACCOUNT, "PARKED C");

        await().atMost(Duration.ofSeconds(20)).until(() -> parked(second) && parked(third));
        assertThat(attempts(second)).as("a parked update is never sent").isZero();
        assertThat(attempts(third)).isZero();
        // three accepted updates, three messages: none went back to the queue to wait
        assertThat(broker.messagesAdded("midtier.updates") - sentBefore).isEqualTo(3);

        Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":false}");
        List<String> updates = List.of(first, second, third);
        UpdateLoad.awaitApplied(db, updates, Duration.ofSeconds(30));
        UpdateLoad.assertAppliedOnceInAcceptanceOrder(db, List.of(ACCOUNT), updates);
        // each parked message was sent again exactly once, and none is left parked
        assertThat(broker.messagesAdded("midtier.updates") - sentBefore).isEqualTo(5);
        assertThat(db.count("select count(*) from cache_update where parked_message is not null")).isZero();
        assertThat(attempts(second)).isEqualTo(1);
        assertThat(attempts(third)).isEqualTo(1);
    }

    @Test
    void an_update_sent_again_goes_ahead_of_the_messages_queued_while_it_was_parked() throws Exception {
        String account = "1092";
        List<String> others = IntStream.rangeClosed(1001, 1030).mapToObj(Integer::toString).toList();
        Http.get(app.url("/api/accounts/" + account));
        others.forEach(other -> Http.get(app.url("/api/accounts/" + other)));
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":true}");
        String older = rename(app, account, "AHEAD A");
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(older) >= 1);
        String parked = rename(app, account, "AHEAD B");
        await().atMost(Duration.ofSeconds(20)).until(() -> parked(parked));

        // a backlog queued behind the parked update's first message while delivery stands still
        List<String> backlog = new ArrayList<>();
        app.context().getRouteController().suspendRoute("backend-delivery");
        try {
            Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":false}");
            for (String other : others) {
                backlog.add(rename(app, other, "BACKLOG " + other));
            }
            // the older update's redelivery is due (back in the queue, ahead of the backlog) before delivery resumes
            EmbeddedBroker broker = app.bean("embeddedBroker", EmbeddedBroker.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> broker.scheduledCount("midtier.updates") == 0);
        } finally {
            app.context().getRouteController().resumeRoute("backend-delivery");
        }

        List<String> all = new ArrayList<>(backlog);
        all.add(older);
        all.add(parked);
        UpdateLoad.awaitApplied(db, all, Duration.ofSeconds(60));
        long appliedAfterIt = db.count("select count(*) from cache_update u, cache_update b where b.update_id = ?"
                + " and u.update_id::text = any(?) and u.applied_at > b.applied_at", UUID.fromString(parked),
                backlog.toArray(String[]::new));
        // one consumer: the older update first, then the one it sends again; at the queue's tail it would come last
        assertThat(appliedAfterIt).as("backlog updates applied after the parked one was sent again")
                .isGreaterThanOrEqualTo(backlog.size() - 2L);
    }

    // The message sent again is in the broker before the message of the update that sent it is acknowledged: once
    // that one is settled and acknowledged, nothing would send it again (docs/reliability.md, "Delivery by claim").
    // The broker holds that send a moment: an acknowledgement that does not wait for the send arrives meanwhile.
    @Test
    void the_update_sent_again_is_in_the_broker_before_the_message_that_sent_it_is_acknowledged() {
        String account = "1093";
        EmbeddedBroker broker = app.bean("embeddedBroker", EmbeddedBroker.class);
        Http.get(app.url("/api/accounts/" + account));
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":true}");
        String older = rename(app, account, "SENT A");
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(older) >= 1);
        String parked = rename(app, account, "SENT B");
        await().atMost(Duration.ofSeconds(20)).until(() -> parked(parked));

        SendBeforeAcknowledgement watch = new SendBeforeAcknowledgement(older, parked);
        broker.registerPlugin(watch);
        try {
            Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":false}");
            UpdateLoad.awaitApplied(db, List.of(older, parked), Duration.ofSeconds(30));
            await("the older update's message acknowledged").atMost(Duration.ofSeconds(10))
                    .until(() -> watch.sentAgainWhenAcknowledged != null);
        } finally {
            broker.unregisterPlugin(watch);
        }
        assertThat(watch.sentAgainWhenAcknowledged)
                .as("the parked update's message was in the broker when the older update's message was acknowledged")
                .isTrue();
    }

    /**
     * Holds the parked update's second send in the broker for a moment, and notes whether the broker had it when the
     * older update's message was acknowledged.
     */
    private static final class SendBeforeAcknowledgement implements ActiveMQServerMessagePlugin {

        private static final String UPDATE_ID = "midtierUpdateId";
        private static final long HOLD_MS = 2_000;

        private final String older;
        private final String parked;
        private final CountDownLatch acknowledged = new CountDownLatch(1);
        private volatile boolean sentAgain;
        volatile Boolean sentAgainWhenAcknowledged;

        SendBeforeAcknowledgement(String older, String parked) {
            this.older = older;
            this.parked = parked;
        }

        @Override
        public void beforeSend(Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue) {
            if (parked.equals(message.getStringProperty(UPDATE_ID))) {
                try {
                    // a sender that waits for the broker is held here, and acknowledges after; one that does not
                    // wait acknowledges meanwhile, which ends the hold
                    acknowledged.await(HOLD_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void afterSend(Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue,
                              RoutingStatus result) {
            if (parked.equals(message.getStringProperty(UPDATE_ID))) {
                sentAgain = true;
            }
        }

        // called when the acknowledgement joins the session's transaction, which a failed attempt's recover rolls
        // back: what counts is its commit
        @Override
        public void messageAcknowledged(Transaction tx, MessageReference ref, AckReason reason,
                                        ServerConsumer consumer) {
            if (reason != AckReason.NORMAL || !older.equals(ref.getMessage().getStringProperty(UPDATE_ID))) {
                return;
            }
            if (tx == null) {
                acknowledgedNow();
            } else {
                tx.addOperation(new TransactionOperationAbstract() {
                    @Override
                    public void afterCommit(Transaction committed) {
                        acknowledgedNow();
                    }
                });
            }
        }

        private synchronized void acknowledgedNow() {
            if (sentAgainWhenAcknowledged == null) {
                sentAgainWhenAcknowledged = sentAgain;
                acknowledged.countDown();
            }
        }
    }

    private static long attempts(String updateId) {
        return db.count("select attempts from cache_update where update_id = ?", UUID.fromString(updateId));
    }

    private static boolean parked(String updateId) {
        return db.count("select count(*) from cache_update where update_id = ? and parked_message is not null",
                UUID.fromString(updateId)) == 1;
    }
}
