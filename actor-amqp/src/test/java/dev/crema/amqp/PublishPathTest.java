package dev.crema.amqp;

import static dev.crema.amqp.Broker.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.AskRejectedException;
import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.SendResult;
import dev.crema.amqp.Protocol.Add;
import dev.crema.amqp.Protocol.Get;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The publisher's two paths: a sender that finds the channel free publishes on its own thread, one that
 * does not leaves the publish to whoever holds the channel or to the writer thread. Whichever path a
 * publish takes, each sender's messages arrive in its order, each once, and nothing is stranded when the
 * node closes under the senders.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PublishPathTest {

    static final Codec<Protocol> CODEC = JsonCodec.of(Protocol.class);
    /** A message's number: sender in the high digits, its sequence number in the low ones. */
    static final long PER_SENDER = 1_000_000L;

    static Thread started(Runnable r) {
        Thread t = new Thread(r);
        t.start();
        return t;
    }

    Broker broker;
    ActorSystem consumerSystem;
    ActorSystem producerSystem;
    /** Both systems' dead letters. */
    final ConcurrentLinkedQueue<DeadLetter> dead = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void setUp() {
        broker = Broker.require();
        consumerSystem = ActorSystem.create("consumer");
        producerSystem = ActorSystem.create("producer");
        consumerSystem.deadLetters().subscribe(dead::add);
        producerSystem.deadLetters().subscribe(dead::add);
    }

    AmqpNode consumerNode;
    AmqpNode producerNode;

    void connect(int producerWindow) throws Exception {
        consumerNode = AmqpNode.connect(consumerSystem, "consumer", broker.settings);
        producerNode = AmqpNode.connect(producerSystem, "producer", broker.settings.withPublishWindow(producerWindow));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (broker != null) {
            producerSystem.close();
            consumerSystem.close();
            broker.close();
        }
    }

    @Test
    void concurrentSendersAndAsks_eachMessageOnce_inEachSendersOrder() throws Exception {
        connect(16); // a small window, so that senders contend for permits and for the channel
        String q = broker.queue("paths");
        int senders = 4;
        int each = 1500;
        long[] last = new long[senders];
        AtomicLong outOfOrder = new AtomicLong();
        AtomicLong processed = new AtomicLong();
        Addr<Protocol> sink = consumerSystem.spawn("sink", ctx -> m -> {
            if (m instanceof Add a) {
                int s = (int) (a.n() / PER_SENDER);
                long seq = a.n() % PER_SENDER;
                if (seq != last[s] + 1) {
                    outOfOrder.incrementAndGet();
                }
                last[s] = seq;
                processed.incrementAndGet();
            } else if (m instanceof Get g) {
                g.replyTo().tell(processed.get());
            }
        });
        consumerNode.expose(q, sink, CODEC, ExposeOptions.defaults().withDurable(false));
        Addr<Protocol> remote = producerNode.remote(q, CODEC);

        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicLong refused = new AtomicLong();
        for (int s = 0; s < senders; s++) {
            long base = s * PER_SENDER;
            threads.add(started(() -> {
                try {
                    start.await();
                    for (int i = 1; i <= each; i++) {
                        if (!remote.send(new Add(base + i), Broker.WAIT).isAccepted()) {
                            refused.incrementAndGet();
                        }
                    }
                } catch (Throwable t) {
                    errors.add(t);
                }
            }));
        }
        AtomicLong answered = new AtomicLong();
        AtomicLong windowFull = new AtomicLong();
        threads.add(started(() -> {
            try {
                start.await();
                while (answered.get() < 50) {
                    try {
                        remote.<Long>ask(Get::new, Broker.WAIT).get(20, TimeUnit.SECONDS);
                        answered.incrementAndGet();
                    } catch (ExecutionException e) {
                        // an ask into a full window fails at once, with that reason
                        if (!(e.getCause() instanceof AskRejectedException r
                                && r.reason() == DeadLetterReason.MAILBOX_FULL)) {
                            throw e;
                        }
                        windowFull.incrementAndGet();
                        LockSupport.parkNanos(100_000);
                    }
                }
            } catch (Throwable t) {
                errors.add(t);
            }
        }));
        start.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertThat(errors).isEmpty();
        assertThat(refused.get()).as("send waits for a window slot").isZero();
        awaitUntil("every message processed", () -> processed.get() == (long) senders * each);
        awaitUntil("every publish confirmed", () -> producerNode.unconfirmed() == 0);
        assertThat(answered.get()).isEqualTo(50);
        assertThat(outOfOrder.get()).as("messages out of their sender's order (or repeated)").isZero();
        assertThat(dead).isEmpty();
        System.err.printf("paths: %d messages in order, %d asks answered, %d refused at once (window full)%n",
                processed.get(), answered.get(), windowFull.get());
        producerNode.close();
        consumerNode.close();
    }

    @Test
    void sendersRacingClose_everyAcceptedMessageProcessedOrDeadLettered_noneStranded() throws Exception {
        connect(32);
        String q = broker.queue("close");
        ConcurrentHashMap<Long, Integer> seen = new ConcurrentHashMap<>();
        Addr<Protocol> sink = consumerSystem.spawn("sink", ctx -> m -> seen.merge(((Add) m).n(), 1, Integer::sum));
        consumerNode.expose(q, sink, CODEC, ExposeOptions.defaults().withDurable(false));
        Addr<Protocol> remote = producerNode.remote(q, CODEC);

        int senders = 3;
        Set<Long> accepted = ConcurrentHashMap.newKeySet();
        AtomicBoolean stopped = new AtomicBoolean();
        CountDownLatch running = new CountDownLatch(senders);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            long base = s * PER_SENDER;
            threads.add(started(() -> {
                running.countDown();
                for (long i = 1; i < PER_SENDER; i++) {
                    SendResult r = remote.trySend(new Add(base + i));
                    if (r == SendResult.ACCEPTED) {
                        accepted.add(base + i);
                    } else if (r == SendResult.STOPPED) {
                        stopped.set(true);
                        return;
                    } else {
                        LockSupport.parkNanos(50_000); // FULL: the window has no room yet
                    }
                }
            }));
        }
        running.await(10, TimeUnit.SECONDS);
        awaitUntil("some messages arrived", () -> seen.size() > 200);
        producerNode.close();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(stopped.get()).as("senders saw STOPPED after the close").isTrue();
        assertThat(producerNode.unconfirmed()).as("publishes neither confirmed nor given up").isZero();
        Set<Long> deadIds = ConcurrentHashMap.newKeySet();
        for (DeadLetter d : dead) {
            assertThat(d.reason()).isIn(DeadLetterReason.SHUTDOWN, DeadLetterReason.CONNECTION_LOST);
            assertThat(deadIds.add(((Add) d.message()).n())).as("dead-lettered once").isTrue();
        }
        awaitUntil("every accepted message processed or dead-lettered", () -> accepted.stream()
                .allMatch(id -> seen.containsKey(id) || deadIds.contains(id)));
        assertThat(accepted).containsAll(seen.keySet()).containsAll(deadIds);
        assertThat(seen.values()).as("processed exactly once").allMatch(c -> c == 1);
        for (DeadLetter d : dead) {
            if (d.reason() == DeadLetterReason.SHUTDOWN) { // never published, so never processed
                assertThat(seen).doesNotContainKey(((Add) d.message()).n());
            }
        }
        System.err.printf("close race: accepted %d, processed %d, dead-lettered %d%n", accepted.size(),
                seen.size(), deadIds.size());
        consumerNode.close();
    }
}
