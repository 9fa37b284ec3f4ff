package dev.crema.actor;

import static dev.crema.actor.TestSupport.awaitTerminated;
import static dev.crema.actor.TestSupport.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conservation: every message sent is handled, refused with a result, or dead-lettered with a reason,
 * exactly once; never lost, never duplicated; and what one sender sends is handled in its order.
 */
class ConservationTest {

    record Msg(int sender, int seq) {
    }

    /**
     * Where every message went. Handled bits are written by the actor (one thread at a time), refused bits
     * by their own producer, dead-letter bits by whichever thread published the dead letter.
     */
    static final class Ledger {
        final int senders;
        final int perSender;
        final BitSet[] handled;
        final BitSet[] refused;
        final BitSet[] dead;
        final int[] lastHandled;
        final AtomicLong handledCount = new AtomicLong();
        final AtomicLong refusedCount = new AtomicLong();
        final AtomicLong deadCount = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();
        final Map<DeadLetterReason, AtomicLong> deadByReason = new EnumMap<>(DeadLetterReason.class);
        final Map<SendResult, AtomicLong> refusedByResult = new EnumMap<>(SendResult.class);

        Ledger(int senders, int perSender) {
            this.senders = senders;
            this.perSender = perSender;
            handled = new BitSet[senders];
            refused = new BitSet[senders];
            dead = new BitSet[senders];
            lastHandled = new int[senders];
            for (int s = 0; s < senders; s++) {
                handled[s] = new BitSet(perSender);
                refused[s] = new BitSet(perSender);
                dead[s] = new BitSet(perSender);
                lastHandled[s] = -1;
            }
            for (DeadLetterReason r : DeadLetterReason.values()) {
                deadByReason.put(r, new AtomicLong());
            }
            for (SendResult r : SendResult.values()) {
                refusedByResult.put(r, new AtomicLong());
            }
        }

        long sent() {
            return (long) senders * perSender;
        }

        /** Actor thread. */
        void handled(Msg m) {
            if (handled[m.sender()].get(m.seq())) {
                duplicates.incrementAndGet();
            }
            handled[m.sender()].set(m.seq());
            if (m.seq() <= lastHandled[m.sender()]) {
                outOfOrder.incrementAndGet();
            }
            lastHandled[m.sender()] = m.seq();
            handledCount.incrementAndGet();
        }

        /** Producer thread of {@code m.sender()}. */
        void refused(Msg m, SendResult result) {
            refused[m.sender()].set(m.seq());
            refusedByResult.get(result).incrementAndGet();
            refusedCount.incrementAndGet();
        }

        /** Any thread. */
        synchronized void dead(DeadLetter dl) {
            if (!(dl.message() instanceof Msg m)) {
                return;
            }
            if (dead[m.sender()].get(m.seq())) {
                duplicates.incrementAndGet();
            }
            dead[m.sender()].set(m.seq());
            deadByReason.get(dl.reason()).incrementAndGet();
            deadCount.incrementAndGet();
        }

        long accounted() {
            return handledCount.get() + refusedCount.get() + deadCount.get();
        }

        String summary() {
            return "sent " + sent() + ": handled " + handledCount + ", refused " + refusedByResult + ", dead "
                    + deadByReason + ", duplicates " + duplicates + ", out of order " + outOfOrder;
        }

        /** Waits until every message is accounted for, then checks each went exactly one way. */
        void awaitConserved() {
            awaitUntil("every message accounted for (" + summary() + ")", () -> accounted() >= sent());
            synchronized (this) {
                assertThat(accounted()).as(summary()).isEqualTo(sent());
                assertThat(duplicates.get()).as(summary()).isZero();
                assertThat(outOfOrder.get()).as(summary()).isZero();
                for (int s = 0; s < senders; s++) {
                    BitSet all = new BitSet();
                    all.or(handled[s]);
                    all.or(refused[s]);
                    all.or(dead[s]);
                    assertThat(all.cardinality()).as("sender %d: every seq somewhere (%s)", s, summary())
                            .isEqualTo(perSender);
                    BitSet overlap = (BitSet) handled[s].clone();
                    overlap.and(dead[s]);
                    assertThat(overlap.isEmpty()).as("sender %d: handled and dead-lettered %s", s, overlap).isTrue();
                    overlap = (BitSet) handled[s].clone();
                    overlap.and(refused[s]);
                    assertThat(overlap.isEmpty()).as("sender %d: handled and refused %s", s, overlap).isTrue();
                    overlap = (BitSet) refused[s].clone();
                    overlap.and(dead[s]);
                    assertThat(overlap.isEmpty()).as("sender %d: refused and dead-lettered %s", s, overlap).isTrue();
                }
            }
        }
    }

    private ActorSystem system;

    @BeforeEach
    void start() {
        system = TestSupport.newSystem("conserve");
    }

    @AfterEach
    void stop() {
        system.shutdown(TestSupport.SHUTDOWN);
    }

    /** Starts one producer thread per sender; even seqs go by tell, odd ones by trySend. */
    private static List<Thread> produce(Addr<Msg> target, Ledger ledger, CountDownLatch halfway) {
        return produce(target, ledger, halfway, 0, null);
    }

    /**
     * As {@link #produce(Addr, Ledger, CountDownLatch)}, but the last {@code tail} messages of each sender
     * are sent only once {@code tailGate} opens. Producers yield now and then so that they interleave
     * with the actor and with each other.
     */
    private static List<Thread> produce(Addr<Msg> target, Ledger ledger, CountDownLatch halfway, int tail,
                                        CountDownLatch tailGate) {
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < ledger.senders; s++) {
            int sender = s;
            Thread t = new Thread(() -> {
                for (int i = 0; i < ledger.perSender; i++) {
                    if (i == ledger.perSender - tail && tailGate != null) {
                        TestSupport.await(tailGate, "the tail gate");
                    }
                    if ((i & 15) == 0) {
                        Thread.yield();
                    }
                    Msg m = new Msg(sender, i);
                    if ((i & 1) == 0) {
                        target.tell(m);
                    } else {
                        SendResult r = target.trySend(m);
                        if (!r.isAccepted()) {
                            ledger.refused(m, r);
                        }
                    }
                    if (i == ledger.perSender / 2 && halfway != null) {
                        halfway.countDown();
                    }
                }
            }, "producer-" + s);
            threads.add(t);
            t.start();
        }
        return threads;
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join(TestSupport.WAIT.toMillis());
            assertThat(t.isAlive()).as("%s finished", t.getName()).isFalse();
        }
    }

    @Test
    void smallMailbox_manyProducers_everyMessageHandledRefusedOrDeadLettered_onceAndInOrder() throws Exception {
        Ledger ledger = new Ledger(4, 20_000);
        system.deadLetters().subscribe(ledger::dead);
        Addr<Msg> sink = system.spawn("sink", ctx -> ledger::handled,
                SpawnOptions.defaults().withMailbox(Mailbox.bounded(16)).withThroughput(4));
        join(produce(sink, ledger, null));
        ledger.awaitConserved();
        assertThat(ledger.handledCount.get()).isPositive();
        assertThat(ledger.deadByReason.get(DeadLetterReason.MAILBOX_FULL).get()
                + ledger.refusedByResult.get(SendResult.FULL).get())
                .as("a mailbox of 16 under 4 producers overflows").isPositive();
        assertThat(ledger.deadByReason.get(DeadLetterReason.MAILBOX_FULL).get())
                .isEqualTo(ledger.deadCount.get()).isEqualTo(system.deadLetters().count(DeadLetterReason.MAILBOX_FULL));
    }

    @Test
    void producersRacingAStop_everyMessageHandledRefusedOrDeadLettered() throws Exception {
        for (int round = 0; round < 5; round++) {
            Ledger ledger = new Ledger(3, 10_000);
            DeadLetters.Subscription sub = system.deadLetters().subscribe(ledger::dead);
            try (sub) { // subscribed for the round, never referenced inside
                Addr<Msg> sink = system.spawnAnonymous(ctx -> ledger::handled,
                        SpawnOptions.defaults().withMailbox(Mailbox.bounded(64)));
                CountDownLatch halfway = new CountDownLatch(1);
                CountDownLatch terminated = new CountDownLatch(1);
                List<Thread> producers = produce(sink, ledger, halfway, 100, terminated);
                TestSupport.await(halfway, "a producer to be halfway");
                system.stop(sink); // races the producers' main stream
                awaitTerminated(system, sink);
                terminated.countDown(); // the tails certainly arrive after the stop
                join(producers);
                ledger.awaitConserved();
                assertThat(ledger.deadByReason.get(DeadLetterReason.STOPPED).get())
                        .as("round %d: %s", round, ledger.summary()).isGreaterThanOrEqualTo(3 * 50);
                assertThat(ledger.refusedByResult.get(SendResult.STOPPED).get())
                        .as("round %d: %s", round, ledger.summary()).isGreaterThanOrEqualTo(3 * 50);
            }
        }
    }

    @Test
    void producersRacingRestarts_everyMessageHandledRefusedOrDeadLetteredAsFailed_inOrder() throws Exception {
        Ledger ledger = new Ledger(3, 10_000);
        system.deadLetters().subscribe(ledger::dead);
        Addr<Msg> flaky = system.spawn("flaky", ctx -> m -> {
            if (m.seq() % 500 == 250) {
                throw new IllegalStateException("flaky on " + m);
            }
            ledger.handled(m);
        }, SpawnOptions.defaults().withMailbox(Mailbox.bounded(256)).withDecider(Decider.restart()));
        join(produce(flaky, ledger, null));
        ledger.awaitConserved();
        long failed = ledger.deadByReason.get(DeadLetterReason.FAILED).get();
        for (int s = 0; s < ledger.senders; s++) {
            for (int i = ledger.handled[s].nextSetBit(0); i >= 0; i = ledger.handled[s].nextSetBit(i + 1)) {
                assertThat(i % 500).as("a failing message was never handled").isNotEqualTo(250);
            }
        }
        assertThat(failed).as(ledger.summary()).isPositive();
    }

    @Test
    void producersRacingShutdown_everyMessageHandledRefusedOrDeadLettered() throws Exception {
        Ledger ledger = new Ledger(3, 10_000);
        system.deadLetters().subscribe(ledger::dead);
        Addr<Msg> sink = system.spawn("sink", ctx -> ledger::handled,
                SpawnOptions.defaults().withMailbox(Mailbox.bounded(128)));
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch down = new CountDownLatch(1);
        List<Thread> producers = produce(sink, ledger, halfway, 100, down);
        TestSupport.await(halfway, "a producer to be halfway");
        ShutdownReport report = system.shutdown(Duration.ofSeconds(5)); // races the main stream
        down.countDown(); // the tails certainly arrive after the shutdown
        join(producers);
        ledger.awaitConserved();
        assertThat(report.withinDeadline()).isTrue();
        assertThat(ledger.deadByReason.get(DeadLetterReason.SHUTDOWN).get())
                .as(ledger.summary()).isGreaterThanOrEqualTo(3 * 50);
        assertThat(ledger.refusedByResult.get(SendResult.STOPPED).get())
                .as(ledger.summary()).isGreaterThanOrEqualTo(3 * 50);
        assertThat(ledger.deadByReason.get(DeadLetterReason.STOPPED).get())
                .as("during shutdown the reason is SHUTDOWN: %s", ledger.summary()).isZero();
    }

    @Test
    void actorToActorPipeline_conservesEveryMessage() throws Exception {
        int n = 30_000;
        Ledger ledger = new Ledger(1, n);
        system.deadLetters().subscribe(ledger::dead);
        Addr<Msg> last = system.spawn("last", ctx -> ledger::handled,
                SpawnOptions.defaults().withMailbox(Mailbox.bounded(32)));
        Addr<Msg> middle = system.spawn("middle", ctx -> last::tell,
                SpawnOptions.defaults().withMailbox(Mailbox.bounded(32)));
        Addr<String> first = system.spawn("first", ctx -> msg -> {
            for (int i = 0; i < n; i++) {
                middle.tell(new Msg(0, i));
            }
        });
        first.tell("go");
        ledger.awaitConserved();
        assertThat(ledger.deadByReason.get(DeadLetterReason.MAILBOX_FULL).get())
                .isEqualTo(ledger.deadCount.get());
    }
}
