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
 * Savina thread ring: {@code actors} actors in a ring pass one token {@code hops} times; each hop is a
 * new immutable token carrying the hops left, as in Savina. Messages per run: {@code hops}.
 */
public final class ThreadRing {

    private ThreadRing() {
    }

    /**
     * @param library the library
     * @param actors  ring size
     * @param hops    token deliveries per run
     * @return the workload; {@link Workload#run()} returns the deliveries counted along the ring
     */
    public static Workload create(Library library, int actors, int hops) {
        if (actors < 2 || hops < 1) {
            throw new IllegalArgumentException("need actors >= 2 and hops >= 1, got " + actors + ", " + hops);
        }
        return library == Library.CREMA ? new Crema(actors, hops) : new Pekko(library, actors, hops);
    }

    /**
     * Counts deliveries along the ring. A plain field is enough: one actor holds the token at a time and
     * each hop is a message hand-off (happens-before).
     */
    static final class Tally {
        final Round round = new Round(1);
        long delivered;
    }

    record Token(int left, Tally tally) {
    }

    // ================================================================ Crema

    static final class Crema extends CremaWorkload {
        private final int hops;
        private final Addr<Token>[] ring;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Crema(int actors, int hops) {
            super("threadring");
            this.hops = hops;
            this.ring = new Addr[actors];
            for (int i = 0; i < actors; i++) {
                int next = (i + 1) % actors;
                Addr<Token>[] r = ring;
                ring[i] = system.spawn("ring-" + i, ctx -> new Actor<Token>() {
                    private Addr<Token> successor;

                    @Override
                    public void receive(Token t) {
                        Tally tally = t.tally();
                        tally.delivered++;
                        if (t.left() == 0) {
                            tally.round.finish(tally.delivered);
                        } else {
                            if (successor == null) {
                                successor = r[next]; // the ring is complete before the first token
                            }
                            successor.tell(new Token(t.left() - 1, tally));
                        }
                    }
                });
            }
        }

        @Override
        public long run() throws Exception {
            Tally tally = new Tally();
            ring[0].tell(new Token(hops - 1, tally));
            return tally.round.await("crema thread ring");
        }

        @Override
        public long expected() {
            return hops;
        }
    }

    // ================================================================ Pekko

    static final class Pekko extends PekkoWorkload {
        private final int hops;
        private final ActorRef[] ring;

        Pekko(Library library, int actors, int hops) {
            super("threadring", library);
            this.hops = hops;
            this.ring = new ActorRef[actors];
            for (int i = 0; i < actors; i++) {
                int next = (i + 1) % actors;
                ActorRef[] r = ring;
                ring[i] = system.actorOf(Props.create(PekkoRingMember.class, () -> new PekkoRingMember(r, next)),
                        "ring-" + i);
            }
        }

        @Override
        public long run() throws Exception {
            Tally tally = new Tally();
            ring[0].tell(new Token(hops - 1, tally), ActorRef.noSender());
            return tally.round.await("pekko thread ring");
        }

        @Override
        public long expected() {
            return hops;
        }
    }

    static final class PekkoRingMember extends AbstractActor {
        private final ActorRef[] ring;
        private final int next;

        PekkoRingMember(ActorRef[] ring, int next) {
            this.ring = ring;
            this.next = next;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(Token.class, t -> {
                        Tally tally = t.tally();
                        tally.delivered++;
                        if (t.left() == 0) {
                            tally.round.finish(tally.delivered);
                        } else {
                            ring[next].tell(new Token(t.left() - 1, tally), getSelf());
                        }
                    })
                    .build();
        }
    }
}
