package dev.crema.bench.workloads;

import dev.crema.actor.Addr;
import dev.crema.actor.Mailbox;
import dev.crema.actor.SendResult;
import dev.crema.actor.SpawnOptions;
import dev.crema.bench.CremaWorkload;
import dev.crema.bench.Library;
import dev.crema.bench.PekkoWorkload;
import dev.crema.bench.Round;
import dev.crema.bench.Sync;
import dev.crema.bench.Workload;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.DeadLetter;
import org.apache.pekko.actor.Props;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A bounded mailbox under overload: {@code producers} threads offer {@code sends} messages between them
 * as fast as they can to one consumer whose mailbox holds {@code capacity} and which burns
 * {@code work} JMH CPU tokens per message, so the producers are much faster than the consumer and most
 * offers are refused. After the producers are done a flush message is queued behind everything accepted;
 * when the consumer handles it, it reports how many it processed. Operations per run: {@code sends}
 * offers.
 *
 * <p>Nothing may be lost: {@code accepted + rejected == sent} and {@code processed == accepted}; a run
 * that breaks either fails.
 * <ul>
 *   <li>Crema: {@code trySend} tells each producer ACCEPTED or FULL; the flush goes in with
 *       {@code send(msg, timeout)}, which waits for room. Nothing is dead-lettered.</li>
 *   <li>Pekko: a {@code NonBlockingBoundedMailbox} of the same capacity (declared in the system's config
 *       for this workload only); {@code tell} cannot tell the producer anything, so a refused message
 *       becomes a {@code DeadLetter} on the event stream, where a subscribed actor counts it (and re-sends
 *       a refused flush). {@code rejected} is that count, and {@code accepted = sent - rejected}.</li>
 * </ul>
 */
public final class Overload {

    private Overload() {
    }

    /** What one run saw. */
    public record Outcome(long sent, long accepted, long rejected, long processed) {
        /** @return whether nothing was lost or duplicated */
        public boolean consistent() {
            return accepted + rejected == sent && processed == accepted;
        }
    }

    /** The overload workload: {@link #run()} returns {@code processed + rejected}, which must equal sent. */
    public interface OverloadWorkload extends Workload {
        /** @return the outcome of the last run, or {@code null} before the first */
        Outcome lastOutcome();
    }

    /**
     * @param library   the library
     * @param producers producer threads
     * @param sends     offers per run, split evenly
     * @param capacity  the consumer's mailbox capacity
     * @param work      JMH CPU tokens the consumer burns per message
     * @return the workload
     */
    public static OverloadWorkload create(Library library, int producers, int sends, int capacity, int work) {
        if (producers < 1 || sends < producers || capacity < 1 || work < 0) {
            throw new IllegalArgumentException("bad overload sizes: producers=" + producers + ", sends=" + sends
                    + ", capacity=" + capacity + ", work=" + work);
        }
        return library == Library.CREMA ? new Crema(producers, sends, capacity, work)
                : new Pekko(library, producers, sends, capacity, work);
    }

    static int share(int total, int producers, int i) {
        return total / producers + (i < total % producers ? 1 : 0);
    }

    static ExecutorService producerThreads(int n, String name) {
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Outcome check(Outcome o, String who) {
        if (!o.consistent()) {
            throw new IllegalStateException(who + " overload lost or duplicated messages: " + o);
        }
        return o;
    }

    sealed interface ConsumerMsg permits Item, Flush {
    }

    enum Item implements ConsumerMsg { INSTANCE }

    /** Queued behind every accepted item; the consumer reports what it processed. */
    record Flush(Round round) implements ConsumerMsg {
    }

    // ================================================================ Crema

    static final class Crema extends CremaWorkload implements OverloadWorkload {
        private final int producers;
        private final int sends;
        private final Addr<ConsumerMsg> consumer;
        private final ExecutorService pool;
        private volatile Outcome last;

        Crema(int producers, int sends, int capacity, int work) {
            super("overload");
            this.producers = producers;
            this.sends = sends;
            this.pool = producerThreads(producers, "crema-overload-producer");
            this.consumer = system.spawn("consumer", ctx -> new dev.crema.actor.Actor<ConsumerMsg>() {
                private long processed;

                @Override
                public void receive(ConsumerMsg m) {
                    if (m == Item.INSTANCE) {
                        Blackhole.consumeCPU(work);
                        processed++;
                    } else {
                        ((Flush) m).round().finish(processed);
                        processed = 0;
                    }
                }
            }, SpawnOptions.defaults().withMailbox(Mailbox.bounded(capacity)));
        }

        @Override
        public long run() throws Exception {
            long deadBefore = system.deadLetters().total();
            @SuppressWarnings({"unchecked", "rawtypes"})
            Future<long[]>[] tasks = new Future[producers];
            for (int p = 0; p < producers; p++) {
                int share = share(sends, producers, p);
                tasks[p] = pool.submit(() -> {
                    long accepted = 0;
                    long full = 0;
                    long stopped = 0;
                    Addr<ConsumerMsg> c = consumer;
                    for (int i = 0; i < share; i++) {
                        SendResult r = c.trySend(Item.INSTANCE);
                        if (r == SendResult.ACCEPTED) {
                            accepted++;
                        } else if (r == SendResult.FULL) {
                            full++;
                        } else {
                            stopped++;
                        }
                    }
                    return new long[] {accepted, full, stopped};
                });
            }
            long accepted = 0;
            long rejected = 0;
            for (Future<long[]> t : tasks) {
                long[] r = t.get(Sync.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
                if (r[2] != 0) {
                    throw new IllegalStateException("the consumer stopped during the run");
                }
                accepted += r[0];
                rejected += r[1];
            }
            Round round = new Round(1);
            if (consumer.send(new Flush(round), Sync.TIMEOUT) != SendResult.ACCEPTED) {
                throw new TimeoutException("the flush was not accepted within " + Sync.TIMEOUT);
            }
            long processed = round.await("crema overload");
            if (system.deadLetters().total() != deadBefore) {
                throw new IllegalStateException("crema overload produced dead letters");
            }
            Outcome o = check(new Outcome(sends, accepted, rejected, processed), "crema");
            last = o;
            return o.processed() + o.rejected();
        }

        @Override
        public long expected() {
            return sends;
        }

        @Override
        public Outcome lastOutcome() {
            return last;
        }

        @Override
        public void close() {
            stop(pool);
            super.close();
        }
    }

    // ================================================================ Pekko

    static final String MAILBOX_ID = "crema-bench-bounded-mailbox";

    static String boundedMailboxConfig(int capacity) {
        return MAILBOX_ID + " {\n"
                + "  mailbox-type = \"org.apache.pekko.dispatch.NonBlockingBoundedMailbox\"\n"
                + "  mailbox-capacity = " + capacity + "\n"
                + "}\n";
    }

    static final class Pekko extends PekkoWorkload implements OverloadWorkload {
        private final int producers;
        private final int sends;
        private final ActorRef consumer;
        private final AtomicLong deadItems = new AtomicLong();
        private final ExecutorService pool;
        private volatile Outcome last;

        Pekko(Library library, int producers, int sends, int capacity, int work) {
            super("overload", library, boundedMailboxConfig(capacity));
            this.producers = producers;
            this.sends = sends;
            this.pool = producerThreads(producers, "pekko-overload-producer");
            this.consumer = system.actorOf(Props.create(PekkoConsumer.class, () -> new PekkoConsumer(work))
                    .withMailbox(MAILBOX_ID), "consumer");
            ActorRef counter = system.actorOf(Props.create(DeadLetterCounter.class,
                    () -> new DeadLetterCounter(deadItems)), "dead-letter-counter");
            system.eventStream().subscribe(counter, DeadLetter.class);
        }

        @Override
        public long run() throws Exception {
            long deadBefore = deadItems.get();
            Future<?>[] tasks = new Future<?>[producers];
            for (int p = 0; p < producers; p++) {
                int share = share(sends, producers, p);
                tasks[p] = pool.submit(() -> {
                    ActorRef c = consumer;
                    for (int i = 0; i < share; i++) {
                        c.tell(Item.INSTANCE, ActorRef.noSender());
                    }
                });
            }
            for (Future<?> t : tasks) {
                t.get(Sync.TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            }
            Round round = new Round(1);
            consumer.tell(new Flush(round), ActorRef.noSender()); // re-sent by the counter if refused
            long processed = round.await("pekko overload");
            // refused items reach the counter asynchronously: wait (bounded) until every offer is accounted for
            long deadline = System.nanoTime() + Sync.TIMEOUT.toNanos();
            long rejected;
            while ((rejected = deadItems.get() - deadBefore) + processed < sends) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("pekko overload: " + (sends - processed - rejected)
                            + " messages neither processed nor dead-lettered within " + Sync.TIMEOUT);
                }
                LockSupport.parkNanos(10_000);
            }
            Outcome o = check(new Outcome(sends, sends - rejected, rejected, processed), "pekko");
            last = o;
            return o.processed() + o.rejected();
        }

        @Override
        public long expected() {
            return sends;
        }

        @Override
        public Outcome lastOutcome() {
            return last;
        }

        @Override
        public void close() {
            stop(pool);
            super.close();
        }
    }

    static final class PekkoConsumer extends AbstractActor {
        private final int work;
        private long processed;

        PekkoConsumer(int work) {
            this.work = work;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(Item.class, i -> {
                        Blackhole.consumeCPU(work);
                        processed++;
                    })
                    .match(Flush.class, f -> {
                        f.round().finish(processed);
                        processed = 0;
                    })
                    .build();
        }
    }

    /** Counts refused items; a refused flush is sent again until the consumer has room. */
    static final class DeadLetterCounter extends AbstractActor {
        private final AtomicLong deadItems;

        DeadLetterCounter(AtomicLong deadItems) {
            this.deadItems = deadItems;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(DeadLetter.class, d -> {
                        if (d.message() == Item.INSTANCE) {
                            deadItems.incrementAndGet();
                        } else if (d.message() instanceof Flush) {
                            d.recipient().tell(d.message(), ActorRef.noSender());
                        }
                    })
                    .build();
        }
    }
}
