package dev.crema.bench.amqp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.amqp.AmqpNode;
import dev.crema.amqp.AmqpSettings;
import dev.crema.amqp.ExposeOptions;
import dev.crema.amqp.JsonCodec;
import dev.crema.bench.Workload;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remote tell throughput and remote ask round trips through the local broker, for Crema (two
 * {@link AmqpNode}s, so two connections) and for the raw RabbitMQ client doing the same work: JSON bodies
 * written and read with Jackson, publisher confirms with the same window of unconfirmed publishes, a
 * consumer with manual acks and the same prefetch, transient queues, non-persistent messages. Each
 * workload declares its own queue and deletes it on close.
 */
public final class RemoteWorkloads {

    private RemoteWorkloads() {
    }

    /** The messages, a sealed allow-list for Crema's codec. */
    public sealed interface Bench permits Msg, Req {
    }

    /** @param n a counter */
    public record Msg(long n) implements Bench {
    }

    /** @param replyTo where the answer goes */
    public record Req(Addr<Long> replyTo) implements Bench {
    }

    static String queue(String what) {
        return "crema.bench." + what + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    static AmqpSettings settings(int window) {
        return AmqpSettings.fromEnvironment().withPublishWindow(window).withPersistentMessages(false);
    }

    static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(what + " did not finish: " + latch.getCount() + " left");
        }
    }

    // ================================================================ Crema

    /** Crema: tell {@code n} messages to an exposed counting actor; {@code send} waits for window room. */
    public static final class CremaTell implements Workload {
        private final int n;
        private final ActorSystem system = ActorSystem.create("bench-amqp");
        private final AmqpNode server;
        private final AmqpNode client;
        private final Addr<Bench> remote;
        private final String queue = queue("tell");
        private volatile CountDownLatch done;
        private final AtomicLong count = new AtomicLong();

        public CremaTell(int n, int window, int prefetch) throws IOException {
            this.n = n;
            this.server = AmqpNode.connect(system, "server", settings(window));
            this.client = AmqpNode.connect(system, "client", settings(window));
            Addr<Bench> sink = system.spawn("sink", ctx -> m -> {
                count.incrementAndGet();
                done.countDown();
            });
            server.expose(queue, sink, JsonCodec.of(Bench.class),
                    ExposeOptions.defaults().withPrefetch(prefetch).withDurable(false).withAutoDelete(true));
            this.remote = client.remote(queue, JsonCodec.of(Bench.class));
        }

        @Override
        public long run() throws Exception {
            count.set(0);
            done = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                if (!remote.send(new Msg(i), Duration.ofSeconds(30)).isAccepted()) {
                    throw new IllegalStateException("window stayed full for 30 s");
                }
            }
            await(done, "crema tell");
            return count.get();
        }

        @Override
        public long expected() {
            return n;
        }

        @Override
        public void close() {
            system.shutdown(Duration.ofSeconds(10));
        }
    }

    /** Crema: {@code n} asks, one at a time, to an exposed actor that answers with a number. */
    public static final class CremaAsk implements Workload {
        private final int n;
        private final ActorSystem system = ActorSystem.create("bench-amqp-ask");
        private final Addr<Bench> remote;

        public CremaAsk(int n, int window, int prefetch) throws IOException {
            this.n = n;
            AmqpNode server = AmqpNode.connect(system, "server", settings(window));
            AmqpNode client = AmqpNode.connect(system, "client", settings(window));
            String queue = queue("ask");
            Addr<Bench> responder = system.spawn("responder", ctx -> m -> ((Req) m).replyTo().tell(1L));
            server.expose(queue, responder, JsonCodec.of(Bench.class),
                    ExposeOptions.defaults().withPrefetch(prefetch).withDurable(false).withAutoDelete(true));
            this.remote = client.remote(queue, JsonCodec.of(Bench.class));
        }

        @Override
        public long run() throws Exception {
            long replies = 0;
            for (int i = 0; i < n; i++) {
                replies += remote.<Long>ask(Req::new, Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS);
            }
            return replies;
        }

        @Override
        public long expected() {
            return n;
        }

        @Override
        public void close() {
            system.shutdown(Duration.ofSeconds(10));
        }
    }

    // ================================================================ raw client

    /** The raw client's publisher: confirms, a window of unconfirmed publishes released by the confirms. */
    static final class RawPublisher {
        final Channel channel;
        final Semaphore window;
        final ConcurrentSkipListSet<Long> unconfirmed = new ConcurrentSkipListSet<>();

        RawPublisher(Connection c, int window) throws IOException {
            this.channel = c.createChannel();
            this.window = new Semaphore(window);
            channel.confirmSelect();
            channel.addConfirmListener((seq, multiple) -> settle(seq, multiple), (seq, multiple) -> settle(seq, multiple));
        }

        private void settle(long seq, boolean multiple) {
            if (multiple) {
                var head = unconfirmed.headSet(seq, true);
                int k = 0;
                while (head.pollFirst() != null) {
                    k++;
                }
                window.release(k);
            } else if (unconfirmed.remove(seq)) {
                window.release();
            }
        }

        void publish(String queue, AMQP.BasicProperties props, byte[] body) throws Exception {
            if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("raw window stayed full");
            }
            unconfirmed.add(channel.getNextPublishSeqNo());
            channel.basicPublish("", queue, true, props, body);
        }
    }

    record RawMsg(long n) {
    }

    /** Raw client: the same tell workload. */
    public static final class RawTell implements Workload {
        private final int n;
        private final Connection server;
        private final Connection client;
        private final RawPublisher publisher;
        private final String queue = queue("rawtell");
        private final ObjectMapper json = new ObjectMapper();
        private final AtomicLong count = new AtomicLong();
        private volatile CountDownLatch done;

        public RawTell(int n, int window, int prefetch) throws Exception {
            this.n = n;
            var f = settings(window).newConnectionFactory();
            server = f.newConnection("raw-server");
            client = f.newConnection("raw-client");
            Channel consumer = server.createChannel();
            consumer.basicQos(prefetch);
            consumer.queueDeclare(queue, false, false, true, null);
            consumer.basicConsume(queue, false, new DefaultConsumer(consumer) {
                @Override
                public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
                        throws IOException {
                    json.readValue(body, RawMsg.class);
                    getChannel().basicAck(env.getDeliveryTag(), false);
                    count.incrementAndGet();
                    done.countDown();
                }
            });
            publisher = new RawPublisher(client, window);
        }

        @Override
        public long run() throws Exception {
            count.set(0);
            done = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json")
                        .deliveryMode(1).messageId(Long.toString(i)).build();
                publisher.publish(queue, props, json.writeValueAsBytes(new RawMsg(i)));
            }
            await(done, "raw tell");
            return count.get();
        }

        @Override
        public long expected() {
            return n;
        }

        @Override
        public void close() {
            try {
                client.close();
                server.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Raw client: the same ask workload, RPC with a reply queue and correlation ids. */
    public static final class RawAsk implements Workload {
        private final int n;
        private final Connection server;
        private final Connection client;
        private final RawPublisher publisher;
        private final String queue = queue("rawask");
        private final String replyQueue;
        private final ObjectMapper json = new ObjectMapper();
        private final ArrayBlockingQueue<String> replies = new ArrayBlockingQueue<>(16);
        private final AtomicReference<String> expecting = new AtomicReference<>();

        public RawAsk(int n, int window, int prefetch) throws Exception {
            this.n = n;
            var f = settings(window).newConnectionFactory();
            server = f.newConnection("raw-server");
            client = f.newConnection("raw-client");
            Channel responder = server.createChannel();
            responder.basicQos(prefetch);
            responder.queueDeclare(queue, false, false, true, null);
            RawPublisher answers = new RawPublisher(server, window);
            responder.basicConsume(queue, false, new DefaultConsumer(responder) {
                @Override
                public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) {
                    try {
                        json.readTree(body);
                        getChannel().basicAck(env.getDeliveryTag(), false);
                        answers.publish(props.getReplyTo(), new AMQP.BasicProperties.Builder()
                                .contentType("application/json").deliveryMode(1).correlationId(props.getCorrelationId())
                                .build(), json.writeValueAsBytes(1L));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            publisher = new RawPublisher(client, window);
            Channel replyChannel = client.createChannel();
            replyChannel.basicQos(prefetch);
            replyQueue = replyChannel.queueDeclare("", false, true, true, null).getQueue();
            replyChannel.basicConsume(replyQueue, false, new DefaultConsumer(replyChannel) {
                @Override
                public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
                        throws IOException {
                    json.readValue(body, Long.class);
                    getChannel().basicAck(env.getDeliveryTag(), false);
                    if (props.getCorrelationId().equals(expecting.get())) {
                        replies.add(props.getCorrelationId());
                    }
                }
            });
        }

        @Override
        public long run() throws Exception {
            long got = 0;
            for (int i = 0; i < n; i++) {
                String id = "a" + i;
                expecting.set(id);
                publisher.publish(queue, new AMQP.BasicProperties.Builder().contentType("application/json")
                        .deliveryMode(1).replyTo(replyQueue).correlationId(id).build(),
                        json.writeValueAsBytes(java.util.Map.of("replyTo", replyQueue + "#" + id)));
                if (id.equals(replies.poll(30, TimeUnit.SECONDS))) {
                    got++;
                }
            }
            return got;
        }

        @Override
        public long expected() {
            return n;
        }

        @Override
        public void close() {
            try {
                client.close();
                server.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
