package dev.crema.bench.workloads;

import dev.crema.actor.Addr;
import dev.crema.bench.CremaWorkload;
import dev.crema.bench.Library;
import dev.crema.bench.PekkoWorkload;
import dev.crema.bench.Sync;
import dev.crema.bench.Workload;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Ask round trips from outside the system, one after another, optionally under a background flood: a
 * daemon thread tells {@code flood} other actors messages round-robin as fast as they handle them (each
 * burns {@value #WORK_TOKENS} JMH CPU tokens), with at most {@value #BACKLOG} sent but not yet handled,
 * from construction until {@link Workload#close()}. A run is {@code n} asks, each awaited before the next
 * (Crema {@code Addr.ask}, Pekko {@code Patterns.ask}, both with a timeout armed, and
 * {@link AskRoundTrip}'s responder); the latency benchmark uses {@code n = 1}, so each JMH sample is one
 * round trip.
 *
 * <p>Why a flood from outside rather than actors that keep messaging each other: actors that re-send to
 * each other without end keep each worker of a fork-join pool busy with its own local tasks, and once
 * there are as many such chains as workers, a message sent from outside the pool is not run at all (seen
 * on JDK 17 and 25, for Crema and for Pekko tuned alike). A flood sent from outside shares the outside
 * submission path with the ask, which is the load a server's request thread meets.
 */
public final class AskUnderLoad {

    /** At most this many flood messages sent and not yet handled. */
    public static final int BACKLOG = 10_000;

    /** JMH CPU tokens each flood message costs its actor. */
    public static final int WORK_TOKENS = 50;

    private static final int BATCH = 100;

    private AskUnderLoad() {
    }

    /** The workload, with the count of flood messages handled so far. */
    public interface LoadedWorkload extends Workload {
        /** @return background messages handled since construction */
        long backgroundMessages();
    }

    /**
     * @param library the library
     * @param n       asks per run, at least 1
     * @param flood   actors flooded in the background, 0 for no background load
     * @return the workload; {@link Workload#run()} returns the replies received
     */
    public static LoadedWorkload create(Library library, int n, int flood) {
        if (n < 1 || flood < 0) {
            throw new IllegalArgumentException("need n >= 1 and flood >= 0, got " + n + ", " + flood);
        }
        return library == Library.CREMA ? new Crema(n, flood) : new Pekko(library, n, flood);
    }

    enum Chunk { INSTANCE }

    /** The flood's thread, switch and count. */
    static final class Flood {
        final LongAdder handled = new LongAdder();
        private volatile boolean running = true;
        private Thread thread;

        /** @param tell sends one chunk to sink {@code i} */
        void start(String name, int sinks, IntConsumer tell) {
            thread = new Thread(() -> {
                long sent = 0;
                int next = 0;
                while (running) {
                    for (int k = 0; k < BATCH; k++) {
                        tell.accept(next);
                        if (++next == sinks) {
                            next = 0;
                        }
                    }
                    sent += BATCH;
                    while (running && sent - handled.sum() > BACKLOG) {
                        LockSupport.parkNanos(20_000);
                    }
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        void handle() {
            Blackhole.consumeCPU(WORK_TOKENS);
            handled.increment();
        }

        void stop() {
            running = false;
            if (thread != null) {
                try {
                    thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    // ================================================================ Crema

    static final class Crema extends CremaWorkload implements LoadedWorkload {
        private final int n;
        private final Flood flood = new Flood();
        private final Addr<AskRoundTrip.Req> responder;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Crema(int n, int sinks) {
            super("ask-latency");
            this.n = n;
            this.responder = system.spawn("responder",
                    ctx -> req -> req.replyTo().tell(AskRoundTrip.Reply.INSTANCE));
            if (sinks > 0) {
                Addr<Chunk>[] sink = new Addr[sinks];
                for (int i = 0; i < sinks; i++) {
                    sink[i] = system.spawnAnonymous(ctx -> m -> flood.handle(), FLOODED);
                }
                flood.start("crema-ask-flood", sinks, i -> sink[i].tell(Chunk.INSTANCE));
            }
        }

        @Override
        public long run() throws Exception {
            long replies = 0;
            for (int i = 0; i < n; i++) {
                if (Sync.get(responder.ask(AskRoundTrip.Req::new, Sync.TIMEOUT), "crema ask under load")
                        == AskRoundTrip.Reply.INSTANCE) {
                    replies++;
                }
            }
            return replies;
        }

        @Override
        public long expected() {
            return n;
        }

        @Override
        public long backgroundMessages() {
            return flood.handled.sum();
        }

        @Override
        public void close() {
            flood.stop();
            super.close();
        }
    }

    // ================================================================ Pekko

    static final class Pekko extends PekkoWorkload implements LoadedWorkload {
        private final int n;
        private final Flood flood = new Flood();
        private final ActorRef responder;

        Pekko(Library library, int n, int sinks) {
            super("ask-latency", library);
            this.n = n;
            this.responder = system.actorOf(Props.create(AskRoundTrip.PekkoResponder.class,
                    AskRoundTrip.PekkoResponder::new), "responder");
            if (sinks > 0) {
                ActorRef[] sink = new ActorRef[sinks];
                Props props = Props.create(PekkoSink.class, () -> new PekkoSink(flood));
                for (int i = 0; i < sinks; i++) {
                    sink[i] = system.actorOf(props);
                }
                flood.start("pekko-ask-flood", sinks, i -> sink[i].tell(Chunk.INSTANCE, ActorRef.noSender()));
            }
        }

        @Override
        public long run() throws Exception {
            long replies = 0;
            for (int i = 0; i < n; i++) {
                if (Sync.get(Patterns.ask(responder, AskRoundTrip.PekkoReq.INSTANCE, Sync.TIMEOUT),
                        "pekko ask under load") == AskRoundTrip.Reply.INSTANCE) {
                    replies++;
                }
            }
            return replies;
        }

        @Override
        public long expected() {
            return n;
        }

        @Override
        public long backgroundMessages() {
            return flood.handled.sum();
        }

        @Override
        public void close() {
            flood.stop();
            super.close();
        }
    }

    static final class PekkoSink extends AbstractActor {
        private final Flood flood;

        PekkoSink(Flood flood) {
            this.flood = flood;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().match(Chunk.class, c -> flood.handle()).build();
        }
    }
}
