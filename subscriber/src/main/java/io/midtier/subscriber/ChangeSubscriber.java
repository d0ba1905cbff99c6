package io.midtier.subscriber;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The seed's client pattern, end to end: a durable subscription to {@code midtier.changes} (its own, non-pooled
 * connection with a client id) feeds a {@link LocalCopy}. A gap in the sequence numbers (messages the broker
 * dropped from a subscription bounded in size or age) is filled from {@code GET /api/changes?after=N}; when
 * midtier no longer keeps those changes (410) the subscriber reloads: it re-reads the entries it holds and
 * continues from the latest sequence number.
 */
public final class ChangeSubscriber implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String brokerUrl;
    private final String brokerUser;
    private final String brokerPassword;
    private final String midtierUrl;
    private final String clientId;
    private final String subscription;
    private final String topic;
    private final LocalCopy copy;
    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Connection connection;
    private String authorization;

    /** {@code brokerUser} null: connect without a login. */
    public ChangeSubscriber(String brokerUrl, String brokerUser, String brokerPassword, String midtierUrl,
                            String clientId, String subscription, String topic, LocalCopy copy, Consumer<String> log) {
        this.brokerUrl = brokerUrl;
        this.brokerUser = brokerUser;
        this.brokerPassword = brokerPassword;
        this.midtierUrl = midtierUrl;
        this.clientId = clientId;
        this.subscription = subscription;
        this.topic = topic;
        this.copy = copy;
        this.log = log;
    }

    /** Logs in to midtier's HTTP API (needed when reads are not open, midtier.security.reads-open=false). */
    public ChangeSubscriber withHttpLogin(String user, String password) {
        this.authorization = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return this;
    }

    /** Subscribes (or resumes the subscription), catches up over HTTP, then applies changes as they come. */
    public void start() throws JMSException {
        ActiveMQConnectionFactory factory = brokerUser == null
                ? new ActiveMQConnectionFactory(brokerUrl)
                : new ActiveMQConnectionFactory(brokerUrl, brokerUser, brokerPassword);
        connection = factory.createConnection();
        connection.setClientID(clientId);
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createDurableConsumer(session.createTopic(topic), subscription);
        if (copy.lastSeq() < 0) {
            copy.startAt(position().path("latest").asLong());
        }
        catchUp();
        consumer.setMessageListener(this::onMessage);
        connection.start();
    }

    private void onMessage(Message message) {
        try {
            JsonNode change = JSON.readTree(((TextMessage) message).getText());
            LocalCopy.Outcome outcome = copy.apply(change);
            if (outcome == LocalCopy.Outcome.GAP) {
                log.accept("gap: after " + copy.lastSeq() + " came " + change.path("seq").asLong() + "; catching up");
                catchUp();
                outcome = copy.apply(change);
            }
            log.accept(outcome + " " + change);
            message.acknowledge();
        } catch (Exception e) {
            // not acknowledged: the broker redelivers it
            log.accept("could not apply a change: " + e);
            throw new IllegalStateException(e);
        }
    }

    /** Applies the changes after the copy's last one from midtier's change log; reloads on 410. */
    public synchronized void catchUp() {
        while (true) {
            HttpResponse<String> page = get("/api/changes?limit=500&after=" + copy.lastSeq());
            if (page.statusCode() == 410) {
                reload();
                return;
            }
            if (page.statusCode() != 200) {
                throw new IllegalStateException("catch-up answered " + page.statusCode() + ": " + page.body());
            }
            JsonNode items = json(page.body()).path("items");
            if (items.isEmpty()) {
                return;
            }
            items.forEach(copy::apply);
        }
    }

    /** Too far behind: re-read what the copy holds, continue from the latest change. */
    private void reload() {
        long latest = position().path("latest").asLong();
        Map<String, LocalCopy.Entry> reread = new HashMap<>();
        copy.entries().forEach((key, entry) -> {
            String[] typeAndId = key.split(":", 2);
            if (typeAndId[0].equals("accounts")) {
                HttpResponse<String> account = get("/api/accounts/" + typeAndId[1]);
                if (account.statusCode() == 200) {
                    reread.put(key, new LocalCopy.Entry(json(account.body()).path("version").asLong(), "RELOADED"));
                }
            }
        });
        copy.reloaded(reread, latest);
        log.accept("reloaded " + reread.size() + " entries; following the changes after " + latest);
    }

    private JsonNode position() {
        HttpResponse<String> response = get("/api/changes/latest");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/api/changes/latest answered " + response.statusCode());
        }
        return json(response.body());
    }

    private HttpResponse<String> get(String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(midtierUrl + path))
                    .timeout(Duration.ofSeconds(30)).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("midtier unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Disconnects; the durable subscription stays and keeps (bounded) messages until the next start. */
    @Override
    public void close() throws JMSException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
