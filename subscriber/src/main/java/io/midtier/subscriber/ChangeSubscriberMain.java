package io.midtier.subscriber;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the sample subscriber until it is stopped (Ctrl-C), printing what it does with each change:
 * {@code java -cp target/midtier.jar io.midtier.subscriber.ChangeSubscriberMain
 * [broker-url] [midtier-url] [client-id] [broker-user] [broker-password]} (defaults: tcp://127.0.0.1:61616,
 * http://127.0.0.1:8080, sample-subscriber, and the local development login midtier / midtier-dev). When midtier's
 * reads need a login, set MIDTIER_READER_USER and MIDTIER_READER_PASSWORD.
 */
public final class ChangeSubscriberMain {

    private ChangeSubscriberMain() {
    }

    public static void main(String[] args) throws Exception {
        String broker = args.length > 0 ? args[0] : "tcp://127.0.0.1:61616";
        String midtier = args.length > 1 ? args[1] : "http://127.0.0.1:8080";
        String clientId = args.length > 2 ? args[2] : "sample-subscriber";
        String user = args.length > 3 ? args[3] : "midtier";
        String password = args.length > 4 ? args[4] : "midtier-dev";
        ChangeSubscriber subscriber = new ChangeSubscriber(broker, user, password, midtier, clientId, clientId,
                "midtier.changes", new LocalCopy(), System.out::println);
        if (System.getenv("MIDTIER_READER_USER") != null) {
            subscriber.withHttpLogin(System.getenv("MIDTIER_READER_USER"), System.getenv("MIDTIER_READER_PASSWORD"));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                subscriber.close();
            } catch (Exception e) {
                System.err.println("while closing: " + e);
            }
            stopped.countDown();
        }));
        subscriber.start();
        System.out.println("following midtier.changes as " + clientId + " on " + broker);
        stopped.await();
    }
}
