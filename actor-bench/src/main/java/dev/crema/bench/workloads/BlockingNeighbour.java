package dev.crema.bench.workloads;

import dev.crema.actor.Addr;
import dev.crema.bench.CremaWorkload;
import dev.crema.bench.Library;
import dev.crema.bench.PekkoWorkload;
import dev.crema.bench.Round;
import dev.crema.bench.Workload;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;

/**
 * The default dispatcher next to blocking work: {@link PingPong}'s two actors, on the default dispatcher,
 * do {@code roundTrips} round trips per run while, in the same system, {@code actors} blocking actors of
 * {@link BlockingCalls} on a {@code blocking} or {@code virtual} dispatcher are kept busy by a background
 * thread. The background works in rounds: one call to every blocking actor, wait until all have answered,
 * then pause until {@value #PERIOD_MILLIS} ms have passed since the round began; so it offers at most
 * {@code actors} calls per period (40 000 calls/s for 10 000 actors), which 64 blocking threads can serve
 * too, and every dispatcher kind gets the same load. {@code load = null} ("none") runs the ping-pong alone:
 * the baseline of the same run. Messages per run: {@code 2 * roundTrips}, as {@link PingPong}.
 */
public final class BlockingNeighbour {

    /** The background's period: one round of calls at most this often. */
    public static final long PERIOD_MILLIS = 250;

    private BlockingNeighbour() {
    }

    /** The workload, with the count of background calls answered so far. */
    public interface NeighbourWorkload extends Workload {
        /** @return background calls answered since construction */
        long backgroundCalls();
    }

    /**
     * @param library    the library
     * @param load       the blocking actors' dispatcher kind, or {@code null} for no blocking load
     * @param actors     blocking actors (ignored without load)
     * @param roundTrips ping-pong round trips per run
     * @return the workload; {@link Workload#run()} returns the pongs received
     * @throws UnsupportedOperationException if this JVM cannot run {@code load}
     */
    public static NeighbourWorkload create(Library library, BlockingCalls.Kind load, int actors, int roundTrips) {
        if (actors < 1 || roundTrips < 1) {
            throw new IllegalArgumentException("need actors >= 1 and roundTrips >= 1, got " + actors + ", " + roundTrips);
        }
        if (load != null) {
            load.requireSupported();
        }
        return library == Library.CREMA ? new Crema(load, actors, roundTrips) : new Pekko(library, load, actors, roundTrips);
    }

    /**
     * The background: a daemon thread that runs rounds of calls until stopped. A round that fails (a call
     * not answered within the timeout) stops it, and the next {@link #check()} throws.
     */
    static final class Background {
        private final Thread thread;
        private final AtomicLong calls = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private volatile boolean running = true;

        Background(String name, int n, Consumer<BlockingCalls.Call> tellAll) {
            thread = new Thread(() -> {
                while (running) {
                    long began = System.nanoTime();
                    Round round = new Round(n);
                    tellAll.accept(new BlockingCalls.Call(round, false));
                    try {
                        calls.addAndGet(round.await(name));
                        long rest = TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS) - (System.nanoTime() - began);
                        if (rest > 0 && running) {
                            TimeUnit.NANOSECONDS.sleep(rest);
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        failure.set(e);
                        return;
                    }
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        long calls() {
            return calls.get();
        }

        void check() {
            Exception e = failure.get();
            if (e != null) {
                throw new IllegalStateException("the blocking background failed", e);
            }
        }

        /** Stops after the current round (an interrupt cuts its pause short). */
        void stop() {
            running = false;
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ================================================================ Crema

    static final class Crema extends CremaWorkload implements NeighbourWorkload {
        private final int roundTrips;
        private final Addr<PingPong.PingerMsg> pinger;
        private final Background background;

        Crema(BlockingCalls.Kind load, int actors, int roundTrips) {
            super("blocking-neighbour");
            this.roundTrips = roundTrips;
            try {
                Addr<PingPong.Ping> ponger = system.spawn("ponger", ctx -> ping -> ping.replyTo().tell(PingPong.Pong.INSTANCE));
                this.pinger = system.spawn("pinger", ctx -> new PingPong.Pinger(ctx, ponger));
                if (load == null) {
                    background = null;
                } else {
                    Addr<BlockingCalls.Call>[] callers = BlockingCalls.spawnCrema(system, load, actors);
                    background = new Background("crema-blocking-background", actors, call -> {
                        for (Addr<BlockingCalls.Call> c : callers) {
                            c.tell(call);
                        }
                    });
                }
            } catch (RuntimeException e) {
                super.close();
                throw e;
            }
        }

        @Override
        public long run() throws Exception {
            PingPong.Start start = new PingPong.Start(roundTrips);
            pinger.tell(start);
            long pongs = start.round.await("crema ping-pong next to blocking work");
            if (background != null) {
                background.check();
            }
            return pongs;
        }

        @Override
        public long expected() {
            return roundTrips;
        }

        @Override
        public long backgroundCalls() {
            return background == null ? 0 : background.calls();
        }

        @Override
        public void close() {
            if (background != null) {
                background.stop();
            }
            super.close();
        }
    }

    // ================================================================ Pekko

    static final class Pekko extends PekkoWorkload implements NeighbourWorkload {
        private final int roundTrips;
        private final ActorRef pinger;
        private final Background background;

        Pekko(Library library, BlockingCalls.Kind load, int actors, int roundTrips) {
            super("blocking-neighbour", library, load == null ? null : BlockingCalls.pekkoDispatcherConfig(load));
            this.roundTrips = roundTrips;
            try {
                ActorRef ponger = system.actorOf(Props.create(PingPong.PekkoPonger.class, PingPong.PekkoPonger::new), "ponger");
                this.pinger = system.actorOf(Props.create(PingPong.PekkoPinger.class, () -> new PingPong.PekkoPinger(ponger)),
                        "pinger");
                if (load == null) {
                    background = null;
                } else {
                    ActorRef[] callers = BlockingCalls.spawnPekko(system, load, actors);
                    background = new Background("pekko-blocking-background", actors, call -> {
                        for (ActorRef c : callers) {
                            c.tell(call, ActorRef.noSender());
                        }
                    });
                }
            } catch (RuntimeException e) {
                super.close();
                throw e;
            }
        }

        @Override
        public long run() throws Exception {
            PingPong.Start start = new PingPong.Start(roundTrips);
            pinger.tell(start, ActorRef.noSender());
            long pongs = start.round.await("pekko ping-pong next to blocking work");
            if (background != null) {
                background.check();
            }
            return pongs;
        }

        @Override
        public long expected() {
            return roundTrips;
        }

        @Override
        public long backgroundCalls() {
            return background == null ? 0 : background.calls();
        }

        @Override
        public void close() {
            if (background != null) {
                background.stop();
            }
            super.close();
        }
    }
}
