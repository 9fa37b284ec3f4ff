package dev.crema.bench.workloads;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.Addr;
import dev.crema.actor.Mailbox;
import dev.crema.actor.SpawnOptions;
import dev.crema.bench.CremaWorkload;
import dev.crema.bench.Library;
import dev.crema.bench.PekkoWorkload;
import dev.crema.bench.Round;
import dev.crema.bench.Workload;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;

/**
 * Savina Big: {@code actors} actors each send {@code pings} pings, one at a time, to random other actors
 * (a fixed-seed xorshift per actor, the same sequence for both libraries); every ping is answered with a
 * pong, and an actor sends its next ping when the pong arrives. Messages per run:
 * {@code 2 * actors * pings}. Pings and pongs are pre-allocated.
 */
public final class Big {

    private Big() {
    }

    /**
     * @param library the library
     * @param actors  actors (at least 2)
     * @param pings   pings per actor per run
     * @return the workload; {@link Workload#run()} returns the pongs received by all actors
     */
    public static Workload create(Library library, int actors, int pings) {
        if (actors < 2 || pings < 1) {
            throw new IllegalArgumentException("need actors >= 2 and pings >= 1, got " + actors + ", " + pings);
        }
        return library == Library.CREMA ? new Crema(actors, pings) : new Pekko(library, actors, pings);
    }

    /** @param actors actors @param pings pings per actor @return messages per run */
    public static long messages(int actors, int pings) {
        return 2L * actors * pings;
    }

    /** A random other actor: xorshift32 step on {@code state[0]}, never {@code self}. */
    static int neighbour(int[] state, int self, int actors) {
        int x = state[0];
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        state[0] = x;
        int t = (int) ((x & 0xFFFF_FFFFL) % (actors - 1));
        return t >= self ? t + 1 : t;
    }

    record Start(Round round, int pings) implements BigMsg {
    }

    record Ping(Addr<BigMsg> from) implements BigMsg {
    }

    sealed interface BigMsg permits Start, Ping, Pong {
    }

    enum Pong implements BigMsg { INSTANCE }

    // ================================================================ Crema

    static final class Crema extends CremaWorkload {
        private final int pings;
        private final Addr<BigMsg>[] actors;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Crema(int actors, int pings) {
            super("big");
            this.pings = pings;
            this.actors = new Addr[actors];
            for (int i = 0; i < actors; i++) {
                int index = i;
                Addr<BigMsg>[] all = this.actors;
                // at most one ping per actor plus one pong is ever queued: the default mailbox suffices
                this.actors[i] = system.spawn("big-" + i, ctx -> new BigActor(ctx, all, index),
                        actors < Mailbox.DEFAULT_CAPACITY ? SpawnOptions.defaults() : FLOODED);
            }
        }

        @Override
        public long run() throws Exception {
            Start start = new Start(new Round(actors.length), pings);
            for (Addr<BigMsg> a : actors) {
                a.tell(start);
            }
            return start.round().await("crema big");
        }

        @Override
        public long expected() {
            return (long) actors.length * pings;
        }
    }

    static final class BigActor implements Actor<BigMsg> {
        private final Addr<BigMsg>[] all;
        private final int index;
        private final Ping ping;
        private final int[] rng;
        private Round round;
        private int left;
        private long pongs;

        BigActor(ActorContext<BigMsg> ctx, Addr<BigMsg>[] all, int index) {
            this.all = all;
            this.index = index;
            this.ping = new Ping(ctx.self());
            this.rng = new int[] {(index * 0x9E3779B9) | 1};
        }

        @Override
        public void receive(BigMsg m) {
            if (m instanceof Ping p) {
                p.from().tell(Pong.INSTANCE);
            } else if (m == Pong.INSTANCE) {
                pongs++;
                if (--left == 0) {
                    round.finish(pongs);
                } else {
                    sendPing();
                }
            } else {
                Start s = (Start) m;
                round = s.round();
                left = s.pings();
                pongs = 0;
                sendPing();
            }
        }

        private void sendPing() {
            all[neighbour(rng, index, all.length)].tell(ping);
        }
    }

    // ================================================================ Pekko

    static final class Pekko extends PekkoWorkload {
        private final int pings;
        private final ActorRef[] actors;

        Pekko(Library library, int actors, int pings) {
            super("big", library);
            this.pings = pings;
            this.actors = new ActorRef[actors];
            for (int i = 0; i < actors; i++) {
                int index = i;
                ActorRef[] all = this.actors;
                this.actors[i] = system.actorOf(Props.create(PekkoBigActor.class, () -> new PekkoBigActor(all, index)),
                        "big-" + i);
            }
        }

        @Override
        public long run() throws Exception {
            Start start = new Start(new Round(actors.length), pings);
            for (ActorRef a : actors) {
                a.tell(start, ActorRef.noSender());
            }
            return start.round().await("pekko big");
        }

        @Override
        public long expected() {
            return (long) actors.length * pings;
        }
    }

    enum PekkoPing { INSTANCE }

    static final class PekkoBigActor extends AbstractActor {
        private final ActorRef[] all;
        private final int index;
        private final int[] rng;
        private Round round;
        private int left;
        private long pongs;

        PekkoBigActor(ActorRef[] all, int index) {
            this.all = all;
            this.index = index;
            this.rng = new int[] {(index * 0x9E3779B9) | 1};
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(PekkoPing.class, p -> getSender().tell(Pong.INSTANCE, getSelf()))
                    .match(Pong.class, p -> {
                        pongs++;
                        if (--left == 0) {
                            round.finish(pongs);
                        } else {
                            sendPing();
                        }
                    })
                    .match(Start.class, s -> {
                        round = s.round();
                        left = s.pings();
                        pongs = 0;
                        sendPing();
                    })
                    .build();
        }

        private void sendPing() {
            all[neighbour(rng, index, all.length)].tell(PekkoPing.INSTANCE, getSelf());
        }
    }
}
