package dev.crema.bench.workloads;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.Addr;
import dev.crema.bench.CremaWorkload;
import dev.crema.bench.Library;
import dev.crema.bench.PekkoWorkload;
import dev.crema.bench.Round;
import dev.crema.bench.Workload;
import java.lang.ref.Reference;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;

/**
 * Ping-pong, many pairs at once: {@code pairs} pinger/ponger pairs, each with one message in flight, and
 * {@code roundTrips} round trips in all per run, split evenly over the pairs. The caller starts every pair
 * (one start message per pinger, not counted) and the run ends when every pinger has received its last
 * pong. Messages per run: {@code 2 * roundTrips}, all pre-allocated, as in {@link PingPong}.
 *
 * <p>Optionally an {@link IdlePopulation} of {@code idle} actors lives in the same system: spawned when
 * the workload is built, kept referenced, never touched by a run.
 */
public final class PingPongPairs {

    private PingPongPairs() {
    }

    /**
     * @param library    the library
     * @param pairs      pinger/ponger pairs, at least 1
     * @param roundTrips round trips per run in all, at least {@code pairs}
     * @param idle       idle actors living next to the pairs, 0 for none
     * @return the workload; {@link Workload#run()} returns the pongs received
     */
    public static Workload create(Library library, int pairs, int roundTrips, int idle) {
        if (pairs < 1 || roundTrips < pairs || idle < 0) {
            throw new IllegalArgumentException("need 1 <= pairs <= roundTrips and idle >= 0, got pairs=" + pairs
                    + ", roundTrips=" + roundTrips + ", idle=" + idle);
        }
        return library == Library.CREMA ? new Crema(pairs, roundTrips, idle) : new Pekko(library, pairs, roundTrips, idle);
    }

    /** @param roundTrips round trips per run @return messages per run */
    public static long messages(int roundTrips) {
        return 2L * roundTrips;
    }

    /** Starts one pair's share of a run: {@code n} round trips, reported to the run's round. */
    record Start(Round round, long n) implements PairMsg {
    }

    // ================================================================ Crema

    sealed interface PairMsg permits Start, Pong {
    }

    enum Pong implements PairMsg { INSTANCE }

    record Ping(Addr<PairMsg> replyTo) {
    }

    static final class Crema extends CremaWorkload {
        private final int roundTrips;
        private final Addr<PairMsg>[] pingers;
        private final Addr<?>[] idlers;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Crema(int pairs, int roundTrips, int idle) {
            super("pairs");
            this.roundTrips = roundTrips;
            try {
                this.idlers = IdlePopulation.spawn(system, idle);
                this.pingers = new Addr[pairs];
                for (int i = 0; i < pairs; i++) {
                    Addr<Ping> ponger = system.spawnAnonymous(ctx -> ping -> ping.replyTo().tell(Pong.INSTANCE));
                    pingers[i] = system.spawnAnonymous(ctx -> new Pinger(ctx, ponger));
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public long run() throws Exception {
            Addr<PairMsg>[] p = pingers;
            Round round = new Round(p.length);
            for (int i = 0; i < p.length; i++) {
                p[i].tell(new Start(round, ForkJoinThroughput.share(roundTrips, p.length, i)));
            }
            long pongs = round.await("crema ping-pong pairs");
            Reference.reachabilityFence(idlers);
            return pongs;
        }

        @Override
        public long expected() {
            return roundTrips;
        }
    }

    static final class Pinger implements Actor<PairMsg> {
        private final Addr<Ping> ponger;
        private final Ping ping;
        private Round round;
        private long left;
        private long pongs;

        Pinger(ActorContext<PairMsg> ctx, Addr<Ping> ponger) {
            this.ponger = ponger;
            this.ping = new Ping(ctx.self());
        }

        @Override
        public void receive(PairMsg m) {
            if (m == Pong.INSTANCE) {
                pongs++;
                if (--left == 0) {
                    round.finish(pongs);
                } else {
                    ponger.tell(ping);
                }
            } else {
                Start s = (Start) m;
                round = s.round();
                left = s.n();
                pongs = 0;
                ponger.tell(ping);
            }
        }
    }

    // ================================================================ Pekko

    static final class Pekko extends PekkoWorkload {
        private final int roundTrips;
        private final ActorRef[] pingers;
        private final ActorRef[] idlers;

        Pekko(Library library, int pairs, int roundTrips, int idle) {
            super("pairs", library);
            this.roundTrips = roundTrips;
            try {
                this.idlers = IdlePopulation.spawn(system, idle);
                this.pingers = new ActorRef[pairs];
                Props ponger = Props.create(PingPong.PekkoPonger.class, PingPong.PekkoPonger::new);
                for (int i = 0; i < pairs; i++) {
                    ActorRef pong = system.actorOf(ponger);
                    pingers[i] = system.actorOf(Props.create(PekkoPinger.class, () -> new PekkoPinger(pong)));
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public long run() throws Exception {
            ActorRef[] p = pingers;
            Round round = new Round(p.length);
            for (int i = 0; i < p.length; i++) {
                p[i].tell(new Start(round, ForkJoinThroughput.share(roundTrips, p.length, i)), ActorRef.noSender());
            }
            long pongs = round.await("pekko ping-pong pairs");
            Reference.reachabilityFence(idlers);
            return pongs;
        }

        @Override
        public long expected() {
            return roundTrips;
        }
    }

    /** Pekko's pinger: the same protocol, with {@link PingPong.PekkoPonger} answering {@code PingPong.Pong}. */
    static final class PekkoPinger extends AbstractActor {
        private final ActorRef ponger;
        private Round round;
        private long left;
        private long pongs;

        PekkoPinger(ActorRef ponger) {
            this.ponger = ponger;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(PingPong.Pong.class, p -> {
                        pongs++;
                        if (--left == 0) {
                            round.finish(pongs);
                        } else {
                            getSender().tell(PingPong.PekkoPing.INSTANCE, getSelf());
                        }
                    })
                    .match(Start.class, s -> {
                        round = s.round();
                        left = s.n();
                        pongs = 0;
                        ponger.tell(PingPong.PekkoPing.INSTANCE, getSelf());
                    })
                    .build();
        }
    }
}
