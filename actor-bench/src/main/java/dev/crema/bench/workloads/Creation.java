package dev.crema.bench.workloads;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorFactory;
import dev.crema.bench.CremaWorkload;
import dev.crema.bench.Library;
import dev.crema.bench.PekkoWorkload;
import dev.crema.bench.Sync;
import dev.crema.bench.Workload;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;

/**
 * Actor creation: the caller spawns {@code n} top-level actors and tells each one message; an actor stops
 * itself when it gets it, and its {@code postStop} counts a latch down. Timed from the first spawn until
 * every actor has run {@code postStop}. Operations per run: {@code n} actors (the score is actors/s).
 */
public final class Creation {

    private Creation() {
    }

    /**
     * @param library the library
     * @param n       actors per run
     * @return the workload; {@link Workload#run()} returns the messages the actors received
     */
    public static Workload create(Library library, int n) {
        return library == Library.CREMA ? new Crema(n) : new Pekko(library, n);
    }

    enum Go { INSTANCE }

    // ================================================================ Crema

    static final class Crema extends CremaWorkload {
        private final int n;

        Crema(int n) {
            super("creation");
            this.n = n;
        }

        @Override
        public long run() throws Exception {
            CountDownLatch stopped = new CountDownLatch(n);
            LongAdder received = new LongAdder();
            ActorFactory<Go> factory = ctx -> new Actor<>() {
                @Override
                public void receive(Go go) {
                    received.increment();
                    ctx.stop();
                }

                @Override
                public void postStop() {
                    stopped.countDown();
                }
            };
            for (int i = 0; i < n; i++) {
                system.spawnAnonymous(factory).tell(Go.INSTANCE);
            }
            Sync.await(stopped, "crema creation");
            return received.sum();
        }

        @Override
        public long expected() {
            return n;
        }
    }

    // ================================================================ Pekko

    static final class Pekko extends PekkoWorkload {
        private final int n;

        Pekko(Library library, int n) {
            super("creation", library);
            this.n = n;
        }

        @Override
        public long run() throws Exception {
            CountDownLatch stopped = new CountDownLatch(n);
            LongAdder received = new LongAdder();
            Props props = Props.create(PekkoOneShot.class, () -> new PekkoOneShot(stopped, received));
            for (int i = 0; i < n; i++) {
                system.actorOf(props).tell(Go.INSTANCE, ActorRef.noSender());
            }
            Sync.await(stopped, "pekko creation");
            return received.sum();
        }

        @Override
        public long expected() {
            return n;
        }
    }

    static final class PekkoOneShot extends AbstractActor {
        private final CountDownLatch stopped;
        private final LongAdder received;

        PekkoOneShot(CountDownLatch stopped, LongAdder received) {
            this.stopped = stopped;
            this.received = received;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(Go.class, g -> {
                        received.increment();
                        getContext().stop(getSelf());
                    })
                    .build();
        }

        @Override
        public void postStop() {
            stopped.countDown();
        }
    }
}
