package dev.crema.bench.workloads;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.Addr;
import dev.crema.actor.SystemConfig;
import dev.crema.bench.CremaWorkload;
import dev.crema.bench.Library;
import dev.crema.bench.PekkoWorkload;
import dev.crema.bench.Round;
import dev.crema.bench.Workload;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;

/**
 * Savina ping-pong: two actors, one message in flight. The pinger sends a ping, the ponger answers with
 * a pong, {@code roundTrips} times. Messages per run: {@code 2 * roundTrips}. Every message is
 * pre-allocated, so the runtime's own allocation per message is what {@code -prof gc} shows.
 */
public final class PingPong {

    private PingPong() {
    }

    /**
     * @param library    the library
     * @param roundTrips pings per run, each answered
     * @return the workload; {@link Workload#run()} returns the pongs received
     */
    public static Workload create(Library library, int roundTrips) {
        return library == Library.CREMA ? new Crema(roundTrips, CremaWorkload.config()) : new Pekko(library, roundTrips);
    }

    /**
     * The Crema side with a configuration of the caller's (the observability benchmark turns turn timing on).
     *
     * @param roundTrips pings per run, each answered
     * @param config     the system's configuration
     * @return the workload
     */
    public static CremaWorkload crema(int roundTrips, SystemConfig config) {
        return new Crema(roundTrips, config);
    }

    /** @param roundTrips pings per run @return messages per run */
    public static long messages(int roundTrips) {
        return 2L * roundTrips;
    }

    /** Starts a run: the pinger reports the pongs it received. */
    static final class Start implements PingerMsg {
        final Round round = new Round(1);
        final int n;

        Start(int n) {
            this.n = n;
        }
    }

    // ================================================================ Crema

    sealed interface PingerMsg permits Start, Pong {
    }

    enum Pong implements PingerMsg { INSTANCE }

    record Ping(Addr<PingerMsg> replyTo) {
    }

    static final class Crema extends CremaWorkload {
        private final int n;
        private final Addr<PingerMsg> pinger;

        Crema(int n, SystemConfig config) {
            super("pingpong", config);
            this.n = n;
            Addr<Ping> ponger = system.spawn("ponger", ctx -> ping -> ping.replyTo().tell(Pong.INSTANCE));
            this.pinger = system.spawn("pinger", ctx -> new Pinger(ctx, ponger));
        }

        @Override
        public long run() throws Exception {
            Start start = new Start(n);
            pinger.tell(start);
            return start.round.await("crema ping-pong");
        }

        @Override
        public long expected() {
            return n;
        }
    }

    static final class Pinger implements Actor<PingerMsg> {
        private final Addr<Ping> ponger;
        private final Ping ping;
        private Start run;
        private int left;
        private long pongs;

        Pinger(ActorContext<PingerMsg> ctx, Addr<Ping> ponger) {
            this.ponger = ponger;
            this.ping = new Ping(ctx.self());
        }

        @Override
        public void receive(PingerMsg m) {
            if (m == Pong.INSTANCE) {
                pongs++;
                if (--left == 0) {
                    run.round.finish(pongs);
                } else {
                    ponger.tell(ping);
                }
            } else {
                run = (Start) m;
                left = run.n;
                pongs = 0;
                ponger.tell(ping);
            }
        }
    }

    // ================================================================ Pekko

    enum PekkoPing { INSTANCE }

    static final class Pekko extends PekkoWorkload {
        private final int n;
        private final ActorRef pinger;

        Pekko(Library library, int n) {
            super("pingpong", library);
            this.n = n;
            ActorRef ponger = system.actorOf(Props.create(PekkoPonger.class, PekkoPonger::new), "ponger");
            this.pinger = system.actorOf(Props.create(PekkoPinger.class, () -> new PekkoPinger(ponger)), "pinger");
        }

        @Override
        public long run() throws Exception {
            Start start = new Start(n);
            pinger.tell(start, ActorRef.noSender());
            return start.round.await("pekko ping-pong");
        }

        @Override
        public long expected() {
            return n;
        }
    }

    static final class PekkoPonger extends AbstractActor {
        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(PekkoPing.class, p -> getSender().tell(Pong.INSTANCE, getSelf()))
                    .build();
        }
    }

    static final class PekkoPinger extends AbstractActor {
        private final ActorRef ponger;
        private Start run;
        private int left;
        private long pongs;

        PekkoPinger(ActorRef ponger) {
            this.ponger = ponger;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(Pong.class, p -> {
                        pongs++;
                        if (--left == 0) {
                            run.round.finish(pongs);
                        } else {
                            getSender().tell(PekkoPing.INSTANCE, getSelf());
                        }
                    })
                    .match(Start.class, s -> {
                        run = s;
                        left = s.n;
                        pongs = 0;
                        ponger.tell(PekkoPing.INSTANCE, getSelf());
                    })
                    .build();
        }
    }
}
