package dev.crema.actor.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.DeadLetters;
import dev.crema.actor.Mailbox;
import dev.crema.actor.SendResult;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.SystemConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue point 2, conservation under load: at least 10 M messages from 8 producer threads into bounded
 * mailboxes, with all three non-blocking-or-waiting sends ({@code tell}, {@code trySend}, {@code send}).
 * Every message is accounted for exactly once, by its (target, producer, sequence number):
 * processed by the target, or refused to the producer (FULL result), or dead-lettered
 * ({@link DeadLetterReason#MAILBOX_FULL} for {@code tell}). Nothing lost, nothing duplicated, and each
 * target sees each producer's messages in the order they were sent.
 *
 * <p>The mailboxes are small (64) so that FULL and dead letters happen in earnest; the producers back off
 * with {@link Thread#yield()} after a refusal so that most messages still get in.
 */
class ConservationHardeningTest {

    private static final int PRODUCERS = 8;
    private static final int TARGETS = 4;
    private static final int CAPACITY = 64;

    record Msg(int target, int producer, int seq) {
    }

    record Flush(CountDownLatch done) {
    }

    /** One target's bookkeeping; written only by the target actor's thread, read after {@link Flush}. */
    static final class Ledger {
        final BitSet[] processed = new BitSet[PRODUCERS];
        final int[] last = new int[PRODUCERS];
        long count;
        long duplicates;
        long outOfOrder;

        Ledger() {
            for (int p = 0; p < PRODUCERS; p++) {
                processed[p] = new BitSet();
                last[p] = -1;
            }
        }
    }

    enum Mode { TELL, TRY_SEND, SEND }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // hang guard only
    void everyMessageIsProcessedRefusedOrDeadLettered_exactlyOnce_inPerSenderOrder() throws Exception {
        long total = Hardening.scaled(10_000_000L);
        int perProducerPerTarget = (int) (total / PRODUCERS / TARGETS);

        SystemConfig config = SystemConfig.defaults().withDeadLetterLogLimit(0).withMdc(false);
        try (ActorSystem system = ActorSystem.create("conservation", config)) {
            Ledger[] ledgers = new Ledger[TARGETS];
            List<Addr<Object>> targets = new ArrayList<>();
            for (int t = 0; t < TARGETS; t++) {
                Ledger ledger = ledgers[t] = new Ledger();
                targets.add(system.spawn("target-" + t, ctx -> (Actor<Object>) message -> {
                    if (message instanceof Msg m) {
                        BitSet seen = ledger.processed[m.producer()];
                        if (seen.get(m.seq())) {
                            ledger.duplicates++;
                        }
                        seen.set(m.seq());
                        if (m.seq() <= ledger.last[m.producer()]) {
                            ledger.outOfOrder++;
                        }
                        ledger.last[m.producer()] = m.seq();
                        ledger.count++;
                    } else if (message instanceof Flush f) {
                        f.done().countDown();
                    }
                }, SpawnOptions.defaults().withMailbox(Mailbox.bounded(CAPACITY))));
            }

            // dead letters: [target][producer], written on the producers' threads (tell), guarded by the BitSet
            BitSet[][] dead = new BitSet[TARGETS][PRODUCERS];
            for (BitSet[] row : dead) {
                for (int p = 0; p < PRODUCERS; p++) {
                    row[p] = new BitSet();
                }
            }
            AtomicLong otherDeadLetters = new AtomicLong();
            AtomicLong deadCount = new AtomicLong();
            DeadLetters.Subscription sub = system.deadLetters().subscribe(dl -> {
                if (dl.message() instanceof Msg m && dl.reason() == DeadLetterReason.MAILBOX_FULL) {
                    BitSet b = dead[m.target()][m.producer()];
                    synchronized (b) {
                        b.set(m.seq());
                    }
                    deadCount.incrementAndGet();
                } else {
                    otherDeadLetters.incrementAndGet();
                }
            });

            // refusals: [producer][target], each row written by its producer only
            BitSet[][] refused = new BitSet[PRODUCERS][TARGETS];
            long[] accepted = new long[PRODUCERS];
            long[] pushed = new long[PRODUCERS];
            AtomicReference<Throwable> producerFailure = new AtomicReference<>();
            List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int producer = p;
                Mode mode = Mode.values()[p % Mode.values().length];
                for (int t = 0; t < TARGETS; t++) {
                    refused[p][t] = new BitSet();
                }
                Thread th = new Thread(() -> {
                    try {
                        for (int seq = 0; seq < perProducerPerTarget; seq++) {
                            for (int t = 0; t < TARGETS; t++) {
                                Msg m = new Msg(t, producer, seq);
                                Addr<Object> target = targets.get(t);
                                pushed[producer]++;
                                SendResult r;
                                switch (mode) {
                                    case TELL -> {
                                        long before = deadCount.get();
                                        target.tell(m);
                                        r = SendResult.ACCEPTED; // a refusal shows up as a dead letter instead
                                        if (deadCount.get() != before) {
                                            Thread.yield();
                                        }
                                    }
                                    case TRY_SEND -> r = target.trySend(m);
                                    default -> r = target.send(m, Duration.ofMillis(50));
                                }
                                if (r == SendResult.ACCEPTED) {
                                    if (mode != Mode.TELL) {
                                        accepted[producer]++;
                                    }
                                } else {
                                    assertThat(r).as("nothing stops during this test").isEqualTo(SendResult.FULL);
                                    refused[producer][t].set(seq);
                                    Thread.yield();
                                }
                            }
                        }
                    } catch (Throwable e) {
                        producerFailure.compareAndSet(null, e);
                    }
                }, "producer-" + p + "-" + mode);
                producers.add(th);
            }
            producers.forEach(Thread::start);
            for (Thread th : producers) {
                th.join();
            }
            assertThat(producerFailure.get()).as("a producer failed").isNull();

            CountDownLatch flushed = new CountDownLatch(TARGETS);
            for (Addr<Object> target : targets) {
                assertThat(target.send(new Flush(flushed), Duration.ofSeconds(30))).isEqualTo(SendResult.ACCEPTED);
            }
            assertThat(flushed.await(2, TimeUnit.MINUTES)).as("every target handled its backlog").isTrue();
            sub.close();

            long processed = 0;
            long deadLettered = 0;
            long refusedCount = 0;
            for (int t = 0; t < TARGETS; t++) {
                Ledger l = ledgers[t];
                assertThat(l.duplicates).as("duplicates at target %d", t).isZero();
                assertThat(l.outOfOrder).as("per-sender order broken at target %d", t).isZero();
                processed += l.count;
                for (int p = 0; p < PRODUCERS; p++) {
                    BitSet got = l.processed[p];
                    BitSet dl;
                    synchronized (dead[t][p]) {
                        dl = (BitSet) dead[t][p].clone();
                    }
                    BitSet ref = refused[p][t];
                    deadLettered += dl.cardinality();
                    refusedCount += ref.cardinality();
                    assertThat(intersects(got, dl)).as("t%d p%d: processed and dead-lettered", t, p).isFalse();
                    assertThat(intersects(got, ref)).as("t%d p%d: processed and refused", t, p).isFalse();
                    assertThat(intersects(dl, ref)).as("t%d p%d: dead-lettered and refused", t, p).isFalse();
                    BitSet all = (BitSet) got.clone();
                    all.or(dl);
                    all.or(ref);
                    assertThat(all.cardinality()).as("t%d p%d: messages accounted for", t, p)
                            .isEqualTo(perProducerPerTarget);
                    assertThat(all.nextClearBit(0)).as("t%d p%d: first lost sequence number", t, p)
                            .isEqualTo(perProducerPerTarget);
                }
            }
            long sent = 0;
            for (long n : pushed) {
                sent += n;
            }
            assertThat(otherDeadLetters.get()).as("dead letters other than MAILBOX_FULL").isZero();
            assertThat(system.deadLetters().count(DeadLetterReason.MAILBOX_FULL)).isEqualTo(deadLettered);
            assertThat(processed + deadLettered + refusedCount).isEqualTo(sent);
            long acceptedBySendOrTrySend = 0;
            for (long a : accepted) {
                acceptedBySendOrTrySend += a;
            }
            assertThat(acceptedBySendOrTrySend).isLessThanOrEqualTo(processed);
            System.out.printf("conservation: pushed %d, processed %d, refused %d, dead-lettered %d, lost 0, duplicated 0%n",
                    sent, processed, refusedCount, deadLettered);
        }
    }

    private static boolean intersects(BitSet a, BitSet b) {
        return a.intersects(b);
    }
}
