package dev.crema.bench.workloads;

import dev.crema.actor.Actor;
import dev.crema.actor.Addr;
import dev.crema.bench.CremaWorkload;
import dev.crema.bench.Library;
import dev.crema.bench.PekkoWorkload;
import dev.crema.bench.Round;
import dev.crema.bench.Workload;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;

/**
 * Savina fork-join throughput: {@code actors} actors, {@code total} messages sent round-robin from one
 * thread (the caller); each message costs the actor a small computation. Messages per run: {@code total}
 * (plus one start message per actor, not counted). The work message is a pre-allocated singleton.
 *
 * <p>Crema's actors have {@code Mailbox.unbounded()}: the caller floods them, as with Pekko's unbounded
 * mailboxes.
 */
public final class ForkJoinThroughput {

    private ForkJoinThroughput() {
    }

    /**
     * @param library the library
     * @param actors  worker actors
     * @param total   messages per run, a multiple of {@code actors} is not required
     * @return the workload; {@link Workload#run()} returns the messages the actors counted
     */
    public static Workload create(Library library, int actors, int total) {
        if (actors < 1 || total < actors) {
            throw new IllegalArgumentException("need 1 <= actors <= total, got " + actors + ", " + total);
        }
        return library == Library.CREMA ? new Crema(actors, total) : new Pekko(library, actors, total);
    }

    static long share(int total, int actors, int i) {
        return total / actors + (i < total % actors ? 1 : 0);
    }

    /** The per-message work: a few dependent multiply-adds, kept in the actor's state. */
    static long compute(long acc, long i) {
        long x = acc ^ i;
        x = x * 0x9E3779B97F4A7C15L + 1;
        x ^= x >>> 29;
        return x * 0xBF58476D1CE4E5B9L;
    }

    record Start(Round round, long n) implements WorkerMsg {
    }

    sealed interface WorkerMsg permits Start, Work {
    }

    enum Work implements WorkerMsg { INSTANCE }

    // ================================================================ Crema

    static final class Crema extends CremaWorkload {
        private final int total;
        private final Addr<WorkerMsg>[] workers;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Crema(int actors, int total) {
            super("forkjoin");
            this.total = total;
            this.workers = new Addr[actors];
            for (int i = 0; i < actors; i++) {
                workers[i] = system.spawn("worker-" + i, ctx -> new Worker(), FLOODED);
            }
        }

        @Override
        public long run() throws Exception {
            Addr<WorkerMsg>[] w = workers;
            int a = w.length;
            Round round = new Round(a);
            for (int i = 0; i < a; i++) {
                w[i].tell(new Start(round, share(total, a, i)));
            }
            for (int i = 0, k = 0; i < total; i++) {
                w[k].tell(Work.INSTANCE);
                if (++k == a) {
                    k = 0;
                }
            }
            return round.await("crema fork-join throughput");
        }

        @Override
        public long expected() {
            return total;
        }
    }

    static final class Worker implements Actor<WorkerMsg> {
        private Round round;
        private long left;
        private long count;
        long acc;

        @Override
        public void receive(WorkerMsg m) {
            if (m == Work.INSTANCE) {
                acc = compute(acc, ++count);
                if (--left == 0) {
                    round.finish(count);
                }
            } else {
                Start s = (Start) m;
                round = s.round();
                left = s.n();
                count = 0;
            }
        }
    }

    // ================================================================ Pekko

    static final class Pekko extends PekkoWorkload {
        private final int total;
        private final ActorRef[] workers;

        Pekko(Library library, int actors, int total) {
            super("forkjoin", library);
            this.total = total;
            this.workers = new ActorRef[actors];
            for (int i = 0; i < actors; i++) {
                workers[i] = system.actorOf(Props.create(PekkoWorker.class, PekkoWorker::new), "worker-" + i);
            }
        }

        @Override
        public long run() throws Exception {
            ActorRef[] w = workers;
            int a = w.length;
            Round round = new Round(a);
            for (int i = 0; i < a; i++) {
                w[i].tell(new Start(round, share(total, a, i)), ActorRef.noSender());
            }
            for (int i = 0, k = 0; i < total; i++) {
                w[k].tell(Work.INSTANCE, ActorRef.noSender());
                if (++k == a) {
                    k = 0;
                }
            }
            return round.await("pekko fork-join throughput");
        }

        @Override
        public long expected() {
            return total;
        }
    }

    static final class PekkoWorker extends AbstractActor {
        private Round round;
        private long left;
        private long count;
        long acc;

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(Work.class, w -> {
                        acc = compute(acc, ++count);
                        if (--left == 0) {
                            round.finish(count);
                        }
                    })
                    .match(Start.class, s -> {
                        round = s.round();
                        left = s.n();
                        count = 0;
                    })
                    .build();
        }
    }
}
