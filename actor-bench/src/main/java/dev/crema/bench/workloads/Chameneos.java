package dev.crema.bench.workloads;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.Addr;
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
 * Savina chameneos: a mall and {@code chameneos} chameneos. Each chameneo asks the mall for a meeting;
 * the mall pairs two, the pair swap colours (one tells the other its new colour) and both ask again,
 * until the mall has arranged {@code meetings} meetings; then it sends every chameneo home and sums the
 * meetings they report (twice the meetings, checked). Messages per run: {@code 4 * meetings} (two
 * requests, the forwarded request, the colour change) plus {@code 4 * chameneos + 1} to start and end.
 */
public final class Chameneos {

    private Chameneos() {
    }

    /**
     * @param library   the library
     * @param chameneos chameneos (at least 2)
     * @param meetings  meetings per run
     * @return the workload; {@link Workload#run()} returns the meetings the chameneos counted
     */
    public static Workload create(Library library, int chameneos, int meetings) {
        if (chameneos < 2 || meetings < 1) {
            throw new IllegalArgumentException("need chameneos >= 2 and meetings >= 1, got " + chameneos + ", "
                    + meetings);
        }
        return library == Library.CREMA ? new Crema(chameneos, meetings) : new Pekko(library, chameneos, meetings);
    }

    /** @param chameneos chameneos @param meetings meetings @return messages per run */
    public static long messages(int chameneos, int meetings) {
        return 4L * meetings + 4L * chameneos + 1;
    }

    enum Color {
        BLUE, RED, YELLOW;

        Color complement(Color other) {
            if (this == other) {
                return this;
            }
            return switch (this) {
                case BLUE -> other == RED ? YELLOW : RED;
                case RED -> other == BLUE ? YELLOW : BLUE;
                case YELLOW -> other == BLUE ? RED : BLUE;
            };
        }
    }

    // messages shared by both sides
    record StartMall(Round round, int meetings) implements MallMsg {
    }

    record Faded(long meetings) implements MallMsg {
    }

    record Change(Color color) implements ChamMsg {
    }

    enum Go implements ChamMsg { INSTANCE }

    enum Exit implements ChamMsg { INSTANCE }

    // ================================================================ Crema

    sealed interface MallMsg permits StartMall, Faded, MeetMe {
    }

    sealed interface ChamMsg permits MeetMe, Change, Go, Exit {
    }

    /** To the mall: "I want to meet"; forwarded by the mall to the chameneo waiting there. */
    record MeetMe(Addr<ChamMsg> who, Color color) implements MallMsg, ChamMsg {
    }

    static final class Crema extends CremaWorkload {
        private final int meetings;
        private final Addr<MallMsg> mall;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Crema(int chameneos, int meetings) {
            super("chameneos");
            this.meetings = meetings;
            Addr<ChamMsg>[] chams = new Addr[chameneos];
            // the mall holds at most one request per chameneo plus their reports
            this.mall = system.spawn("mall", ctx -> new Mall(chams),
                    chameneos < 500 ? SpawnOptions.defaults() : FLOODED);
            for (int i = 0; i < chameneos; i++) {
                Color c = Color.values()[i % 3];
                chams[i] = system.spawn("chameneo-" + i, ctx -> new Chameneo(ctx, mall, c));
            }
        }

        @Override
        public long run() throws Exception {
            Round round = new Round(1);
            mall.tell(new StartMall(round, meetings));
            return round.await("crema chameneos");
        }

        @Override
        public long expected() {
            return 2L * meetings;
        }
    }

    static final class Mall implements Actor<MallMsg> {
        private final Addr<ChamMsg>[] chameneos;
        private Round round;
        private int left;
        private MeetMe waiting;
        private int faded;
        private long sum;

        Mall(Addr<ChamMsg>[] chameneos) {
            this.chameneos = chameneos;
        }

        @Override
        public void receive(MallMsg m) {
            if (m instanceof MeetMe meet) {
                if (left > 0) {
                    if (waiting == null) {
                        waiting = meet;
                    } else {
                        left--;
                        waiting.who().tell(meet);
                        waiting = null;
                    }
                } else {
                    meet.who().tell(Exit.INSTANCE);
                }
            } else if (m instanceof Faded f) {
                sum += f.meetings();
                if (++faded == chameneos.length) {
                    round.finish(sum);
                }
            } else {
                StartMall s = (StartMall) m;
                round = s.round();
                left = s.meetings();
                waiting = null;
                faded = 0;
                sum = 0;
                for (Addr<ChamMsg> c : chameneos) {
                    c.tell(Go.INSTANCE);
                }
            }
        }
    }

    static final class Chameneo implements Actor<ChamMsg> {
        private final Addr<ChamMsg> self;
        private final Addr<MallMsg> mall;
        private Color color;
        private long meetings;

        Chameneo(ActorContext<ChamMsg> ctx, Addr<MallMsg> mall, Color color) {
            this.self = ctx.self();
            this.mall = mall;
            this.color = color;
        }

        @Override
        public void receive(ChamMsg m) {
            if (m instanceof MeetMe other) {
                color = color.complement(other.color());
                meetings++;
                other.who().tell(new Change(color));
                mall.tell(new MeetMe(self, color));
            } else if (m instanceof Change c) {
                color = c.color();
                meetings++;
                mall.tell(new MeetMe(self, color));
            } else if (m == Go.INSTANCE) {
                meetings = 0;
                mall.tell(new MeetMe(self, color));
            } else {
                mall.tell(new Faded(meetings));
            }
        }
    }

    // ================================================================ Pekko

    /** To the mall, with the chameneo as sender; forwarded with the same sender to the one waiting. */
    record PekkoMeetMe(Color color) {
    }

    static final class Pekko extends PekkoWorkload {
        private final int meetings;
        private final ActorRef mall;

        Pekko(Library library, int chameneos, int meetings) {
            super("chameneos", library);
            this.meetings = meetings;
            ActorRef[] chams = new ActorRef[chameneos];
            this.mall = system.actorOf(Props.create(PekkoMall.class, () -> new PekkoMall(chams)), "mall");
            for (int i = 0; i < chameneos; i++) {
                Color c = Color.values()[i % 3];
                chams[i] = system.actorOf(Props.create(PekkoChameneo.class, () -> new PekkoChameneo(mall, c)),
                        "chameneo-" + i);
            }
        }

        @Override
        public long run() throws Exception {
            Round round = new Round(1);
            mall.tell(new StartMall(round, meetings), ActorRef.noSender());
            return round.await("pekko chameneos");
        }

        @Override
        public long expected() {
            return 2L * meetings;
        }
    }

    static final class PekkoMall extends AbstractActor {
        private final ActorRef[] chameneos;
        private Round round;
        private int left;
        private ActorRef waiting;
        private int faded;
        private long sum;

        PekkoMall(ActorRef[] chameneos) {
            this.chameneos = chameneos;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(PekkoMeetMe.class, meet -> {
                        if (left > 0) {
                            if (waiting == null) {
                                waiting = getSender();
                            } else {
                                left--;
                                waiting.tell(meet, getSender()); // forward: the waiting one replies to the arriving one
                                waiting = null;
                            }
                        } else {
                            getSender().tell(Exit.INSTANCE, getSelf());
                        }
                    })
                    .match(Faded.class, f -> {
                        sum += f.meetings();
                        if (++faded == chameneos.length) {
                            round.finish(sum);
                        }
                    })
                    .match(StartMall.class, s -> {
                        round = s.round();
                        left = s.meetings();
                        waiting = null;
                        faded = 0;
                        sum = 0;
                        for (ActorRef c : chameneos) {
                            c.tell(Go.INSTANCE, getSelf());
                        }
                    })
                    .build();
        }
    }

    static final class PekkoChameneo extends AbstractActor {
        private final ActorRef mall;
        private Color color;
        private long meetings;

        PekkoChameneo(ActorRef mall, Color color) {
            this.mall = mall;
            this.color = color;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(PekkoMeetMe.class, other -> {
                        color = color.complement(other.color());
                        meetings++;
                        getSender().tell(new Change(color), getSelf());
                        mall.tell(new PekkoMeetMe(color), getSelf());
                    })
                    .match(Change.class, c -> {
                        color = c.color();
                        meetings++;
                        mall.tell(new PekkoMeetMe(color), getSelf());
                    })
                    .match(Go.class, g -> {
                        meetings = 0;
                        mall.tell(new PekkoMeetMe(color), getSelf());
                    })
                    .match(Exit.class, e -> mall.tell(new Faded(meetings), getSelf()))
                    .build();
        }
    }
}
