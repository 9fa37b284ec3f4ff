package dev.crema.amqp;

import static dev.crema.amqp.Broker.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.AskRejectedException;
import dev.crema.actor.AskTimeoutException;
import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.Mailbox;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.Dispatcher;
import dev.crema.actor.SystemConfig;
import dev.crema.actor.Terminated;
import dev.crema.actor.WatchableAddr;
import dev.crema.amqp.Protocol.Add;
import dev.crema.amqp.Protocol.Get;
import dev.crema.amqp.Protocol.Note;
import dev.crema.amqp.Protocol.Subscribe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two actor systems, two nodes (two connections), one real broker: the remote Addr's contract. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteAddrTest {

    static final Codec<Protocol> CODEC = JsonCodec.of(Protocol.class);

    Broker broker;
    ActorSystem serverSystem;
    ActorSystem clientSystem;
    AmqpNode server;
    AmqpNode client;
    final ConcurrentLinkedQueue<DeadLetter> serverDead = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<DeadLetter> clientDead = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void setUp() throws Exception {
        broker = Broker.require();
        serverSystem = ActorSystem.create("server", SystemConfig.defaults().withShutdownTimeout(Duration.ofSeconds(5)));
        clientSystem = ActorSystem.create("client", SystemConfig.defaults().withShutdownTimeout(Duration.ofSeconds(5)));
        serverSystem.deadLetters().subscribe(serverDead::add);
        clientSystem.deadLetters().subscribe(clientDead::add);
        server = AmqpNode.connect(serverSystem, "server", broker.settings);
        client = AmqpNode.connect(clientSystem, "client", broker.settings);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (clientSystem != null) {
            clientSystem.close();
            serverSystem.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** A counter: Add adds, Get replies with the sum, Subscribe gets a note per Add. */
    static Addr<Protocol> counter(ActorSystem system) {
        return system.spawn("counter", ctx -> {
            long[] sum = {0};
            List<Addr<Note>> subs = new java.util.ArrayList<>();
            return m -> {
                if (m instanceof Add a) {
                    sum[0] += a.n();
                    if (System.getProperty("dbg") != null) System.err.println("DBG add " + a.n() + " at " + System.nanoTime());
                    subs.forEach(s -> s.tell(new Note("added " + a.n())));
                } else if (m instanceof Get g) {
                    if (System.getProperty("dbg") != null) System.err.println("DBG get sum " + sum[0] + " at " + System.nanoTime());
                    g.replyTo().tell(sum[0]);
                } else if (m instanceof Subscribe s) {
                    subs.add(s.subscriber());
                }
            };
        });
    }

    long dead(ConcurrentLinkedQueue<DeadLetter> letters, DeadLetterReason reason) {
        return letters.stream().filter(d -> d.reason() == reason).count();
    }

    @Test
    void tellThenAsk_bothWays() throws Exception {
        String q1 = broker.queue("counter1");
        String q2 = broker.queue("counter2");
        server.expose(q1, counter(serverSystem), CODEC);
        client.expose(q2, counter(clientSystem), CODEC);
        Addr<Protocol> toServer = client.remote(q1, CODEC);
        Addr<Protocol> toClient = server.remote(q2, CODEC);
        for (int i = 1; i <= 1000; i++) {
            // send waits for room in the window; tell would dead-letter MAILBOX_FULL once 512 are unconfirmed
            assertThat(toServer.send(new Add(i), Broker.WAIT).isAccepted()).isTrue();
            assertThat(toClient.send(new Add(2L * i), Broker.WAIT).isAccepted()).isTrue();
        }
        // per-sender order: the ask comes after every Add
        awaitUntil("every publish confirmed", () -> client.unconfirmed() == 0 && server.unconfirmed() == 0);
        assertThat(clientDead).as("client dead letters").isEmpty();
        assertThat(toServer.<Long>ask(Get::new, Broker.WAIT).get(20, TimeUnit.SECONDS)).isEqualTo(500_500L);
        assertThat(toClient.<Long>ask(Get::new, Broker.WAIT).get(20, TimeUnit.SECONDS)).isEqualTo(1_001_000L);
        assertThat(toServer.path()).isEqualTo("amqp://" + broker.settings.host() + ":" + broker.settings.port() + "/" + q1)
                .doesNotContain("guest");
        assertThat(serverDead).isEmpty();
        assertThat(clientDead).isEmpty();
    }

    @Test
    void addressInsideAMessage_routesBack_andIsReleasedWhenItsActorStops() throws Exception {
        String q = broker.queue("pubsub");
        server.expose(q, counter(serverSystem), CODEC);
        ConcurrentLinkedQueue<String> notes = new ConcurrentLinkedQueue<>();
        Addr<Note> subscriber = clientSystem.spawn("subscriber", ctx -> n -> notes.add(n.text()));
        Addr<Protocol> counter = client.remote(q, CODEC);
        counter.tell(new Subscribe(subscriber));
        counter.tell(new Add(7));
        awaitUntil("the note reached the subscriber", () -> notes.contains("added 7"));

        clientSystem.stop(subscriber);
        clientSystem.whenTerminated(subscriber).get(10, TimeUnit.SECONDS);
        counter.tell(new Add(8));
        awaitUntil("the note to the stopped subscriber is a STOPPED dead letter on its node",
                () -> dead(clientDead, DeadLetterReason.STOPPED) == 1);
        assertThat(notes).containsExactly("added 7");
    }

    @Test
    void askTimeout_thenTheLateReplyIsADeadLetter() throws Exception {
        String q = broker.queue("slow");
        ConcurrentLinkedQueue<Get> held = new ConcurrentLinkedQueue<>();
        server.expose(q, serverSystem.<Protocol>spawn("holder", ctx -> m -> held.add((Get) m)), CODEC);
        Addr<Protocol> holder = client.remote(q, CODEC);
        var reply = holder.<Long>ask(Get::new, Duration.ofMillis(300));
        assertThatThrownBy(() -> reply.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(AskTimeoutException.class)
                .hasMessageContaining(q);
        awaitUntil("the request arrived", () -> held.size() == 1);
        held.poll().replyTo().tell(42L);
        awaitUntil("the late reply is dead-lettered LATE_REPLY", () -> dead(clientDead, DeadLetterReason.LATE_REPLY) == 1);
    }

    @Test
    void unroutable_tellIsADeadLetter_askFailsWithTheReason() throws Exception {
        String nobody = broker.queue("nobody"); // never declared
        Addr<Protocol> addr = client.remote(nobody, CODEC);
        addr.tell(new Add(1));
        awaitUntil("UNROUTABLE dead letter", () -> dead(clientDead, DeadLetterReason.UNROUTABLE) == 1);
        assertThat(clientDead.peek().message()).isEqualTo(new Add(1));
        var f = addr.<Long>ask(Get::new, Broker.WAIT);
        assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(AskRejectedException.class)
                .satisfies(e -> assertThat(((AskRejectedException) e).reason()).isEqualTo(DeadLetterReason.UNROUTABLE));
        awaitUntil("the window is empty again", () -> client.unconfirmed() == 0);
    }

    @Test
    void undecodable_isRejectedNotRequeued_andDeadLetteredWithTheCause() throws Exception {
        String q = broker.queue("strict");
        AtomicLong handled = new AtomicLong();
        Exposure e = server.expose(q, serverSystem.<Protocol>spawn("strict", ctx -> m -> handled.incrementAndGet()), CODEC);
        broker.publishRaw(q, "application/json", "{not json".getBytes(StandardCharsets.UTF_8));
        broker.publishRaw(q, "application/json", "{\"@type\":\"ProcessBuilder\",\"command\":[\"sh\"]}".getBytes(StandardCharsets.UTF_8));
        broker.publishRaw(q, "application/x-java-serialized-object", new byte[] {(byte) 0xac, (byte) 0xed, 0, 5});
        broker.publishRaw(q, "application/json", "{\"@type\":\"Add\",\"n\":5}".getBytes(StandardCharsets.UTF_8));
        awaitUntil("three UNDECODABLE dead letters", () -> dead(serverDead, DeadLetterReason.UNDECODABLE) == 3);
        awaitUntil("the good one handled", () -> handled.get() == 1);
        assertThat(serverDead).allSatisfy(d -> {
            assertThat(d.message()).isInstanceOf(RawMessage.class);
            assertThat(d.cause()).isNotNull();
        });
        assertThat(e.undecodable()).isEqualTo(3);
        assertThat(broker.messageCount(q)).isZero();
    }

    @Test
    void slowConsumer_brokerHoldsTheBacklog_clientAndMailboxStayBounded() throws Exception {
        String q = broker.queue("slowconsumer");
        CountDownLatch gate = new CountDownLatch(1);
        AtomicLong handled = new AtomicLong();
        Addr<Protocol> slow = serverSystem.spawn("slow", ctx -> m -> {
            gate.await(20, TimeUnit.SECONDS);
            handled.incrementAndGet();
        }, SpawnOptions.defaults().withMailbox(Mailbox.bounded(10)).withDispatcher(Dispatcher.BLOCKING));
        Exposure e = server.expose(q, slow, CODEC, ExposeOptions.defaults().withPrefetch(5).withDurable(false));
        Addr<Protocol> addr = client.remote(q, CODEC);
        int n = 500;
        for (int i = 0; i < n; i++) {
            assertThat(addr.send(new Add(i), Broker.WAIT).isAccepted()).isTrue();
        }
        awaitUntil("every publish confirmed", () -> client.unconfirmed() == 0);
        awaitUntil("the broker holds the backlog", () -> {
            try {
                return broker.messageCount(q) >= n - 10 - 1 - 5;
            } catch (Exception ex) {
                return false;
            }
        });
        assertThat(e.accepted()).isLessThanOrEqualTo(10 + 1); // mailbox + the one in the handler
        gate.countDown();
        awaitUntil("all handled", () -> handled.get() == n);
        assertThat(e.accepted()).isEqualTo(n);
        assertThat(clientDead).isEmpty();
        assertThat(serverDead).isEmpty();
    }

    @Test
    void windowFull_trySendSaysFull_tellDeadLetters() throws Exception {
        try (CutProxy proxy = new CutProxy(broker.settings.host(), broker.settings.port())) {
            AmqpNode small = AmqpNode.connect(clientSystem, "small",
                    broker.viaProxy(proxy).withPublishWindow(4).withPublishTimeout(Duration.ofSeconds(30)));
            String q = broker.queue("window");
            broker.declare(q);
            proxy.cut();
            awaitUntil("the node sees the cut", () -> !small.isConnected());
            Addr<Protocol> addr = small.remote(q, CODEC);
            for (int i = 0; i < 4; i++) {
                assertThat(addr.trySend(new Add(i)).isAccepted()).isTrue(); // buffered within the window
            }
            assertThat(addr.trySend(new Add(4))).isEqualTo(dev.crema.actor.SendResult.FULL);
            assertThat(addr.send(new Add(5), Duration.ofMillis(50))).isEqualTo(dev.crema.actor.SendResult.FULL);
            addr.tell(new Add(6));
            assertThat(dead(clientDead, DeadLetterReason.CONNECTION_LOST)).isEqualTo(1);
            proxy.restore();
            awaitUntil("the buffered four are published and confirmed", () -> small.unconfirmed() == 0);
            awaitUntil("the broker has them", () -> broker.hasMessages(q, 4));
            small.close();
        }
    }

    @Test
    void windowFullWhileConnected_tellDeadLettersMailboxFull_askFailsAtOnce() throws Exception {
        try (CutProxy proxy = new CutProxy(broker.settings.host(), broker.settings.port())) {
            AmqpNode small = AmqpNode.connect(clientSystem, "stalled", broker.viaProxy(proxy).withPublishWindow(4));
            String q = broker.queue("stalled");
            broker.declare(q);
            Addr<Protocol> addr = small.remote(q, CODEC);
            proxy.stall(); // the broker hears nothing and confirms nothing; the connection stays up
            for (int i = 0; i < 4; i++) {
                assertThat(addr.trySend(new Add(i)).isAccepted()).isTrue();
            }
            assertThat(addr.trySend(new Add(4))).isEqualTo(dev.crema.actor.SendResult.FULL);
            addr.tell(new Add(5));
            var ask = addr.<Long>ask(Get::new, Broker.WAIT);
            assertThat(small.isConnected()).isTrue();
            assertThat(clientDead).singleElement().satisfies(d -> {
                assertThat(d.reason()).isEqualTo(DeadLetterReason.MAILBOX_FULL); // the remote window's "full"
                assertThat(d.message()).isEqualTo(new Add(5));
            });
            assertThatThrownBy(() -> ask.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(AskRejectedException.class).hasMessageContaining("mailbox full");
            proxy.resume();
            awaitUntil("the four are confirmed", () -> small.unconfirmed() == 0);
            awaitUntil("the broker has them", () -> broker.hasMessages(q, 4));
            assertThat(clientDead).hasSize(1);
            small.close();
        }
    }

    @Test
    void deathWatch_queueDeleted_terminatesWatchers() throws Exception {
        String q = broker.queue("mortal");
        broker.declare(q);
        WatchableAddr<Protocol> addr = client.remote(q, CODEC);
        var viaSystem = clientSystem.whenTerminated(addr);
        CountDownLatch watcherTold = new CountDownLatch(1);
        clientSystem.<Terminated>spawn("watcher", ctx -> {
            ctx.watch(addr, t -> t);
            return t -> watcherTold.countDown();
        });
        broker.deleteQueue(q);
        assertThat(viaSystem.get(20, TimeUnit.SECONDS).actor()).isEqualTo(addr);
        assertThat(watcherTold.await(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void remoteAsk_failsFastWithShutdown_whenTheNodeIsClosed() throws Exception {
        String q = broker.queue("closed");
        broker.declare(q);
        Addr<Protocol> addr = client.remote(q, CODEC);
        var pending = addr.<Long>ask(Get::new, Broker.WAIT); // nobody answers
        client.close();
        assertThatThrownBy(() -> pending.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(AskRejectedException.class).hasMessageContaining("shut down");
        assertThat(addr.trySend(new Add(1))).isEqualTo(dev.crema.actor.SendResult.STOPPED);
    }
}
