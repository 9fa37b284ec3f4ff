package dev.crema.bench.workloads;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorFactory;
import dev.crema.actor.Addr;
import dev.crema.bench.CremaWorkload;
import dev.crema.bench.Library;
import dev.crema.bench.PekkoWorkload;
import dev.crema.bench.Sync;
import dev.crema.bench.Workload;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;

/**
 * Creation and stop of many actors, all alive at once: a run spawns {@code n} top-level actors with
 * default options, tells each one message, waits until all {@code n} have handled theirs (so all are
 * alive together, unlike {@link Creation}, where each stops itself at once), then stops all {@code n}
 * from outside (Crema {@code ActorSystem.stop}, Pekko {@code ActorSystem.stop}) and waits until every
 * one has run {@code postStop}. The array that holds the addresses is allocated when the workload is
 * built and cleared at the end of each run. Operations per run: {@code n} actors.
 *
 * <p>Each wait is bounded by {@link Sync#TIMEOUT} or by {@value #NANOS_PER_ACTOR} ns per actor, whichever
 * is longer: a shot of a million top-level Pekko actors came close to the default minute on a busy
 * 2-core machine.
 */
public final class CreateStop {

    /** The bound of each wait grows by this much per actor (300 s for a million). */
    static final long NANOS_PER_ACTOR = 300_000;

    private CreateStop() {
    }

    static Duration timeout(int n) {
        return Duration.ofNanos(Math.max(Sync.TIMEOUT.toNanos(), n * NANOS_PER_ACTOR));
    }

    /**
     * @param library the library
     * @param n       actors per run
     * @return the workload; {@link Workload#run()} returns messages handled plus {@code postStop}s run
     *         ({@code 2 * n})
     */
    public static Workload create(Library library, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("need n >= 1, got " + n);
        }
        return library == Library.CREMA ? new Crema(n) : new Pekko(library, n);
    }

    enum Go { INSTANCE }

    // ================================================================ Crema

    static final class Crema extends CremaWorkload {
        private final Addr<?>[] addrs;

        Crema(int n) {
            super("create-stop");
            this.addrs = new Addr<?>[n];
        }

        @Override
        public long run() throws Exception {
            int n = addrs.length;
            CountDownLatch received = new CountDownLatch(n);
            CountDownLatch stopped = new CountDownLatch(n);
            LongAdder handled = new LongAdder();
            ActorFactory<Go> factory = ctx -> new Actor<>() {
                @Override
                public void receive(Go go) {
                    handled.increment();
                    received.countDown();
                }

                @Override
                public void postStop() {
                    stopped.countDown();
                }
            };
            for (int i = 0; i < n; i++) {
                Addr<Go> a = system.spawnAnonymous(factory);
                a.tell(Go.INSTANCE);
                addrs[i] = a;
            }
            Sync.await(received, "crema create-stop: messages", timeout(n));
            for (Addr<?> a : addrs) {
                system.stop(a);
            }
            Sync.await(stopped, "crema create-stop: postStop", timeout(n));
            Arrays.fill(addrs, null);
            return handled.sum() + (n - stopped.getCount());
        }

        @Override
        public long expected() {
            return 2L * addrs.length;
        }
    }

    // ================================================================ Pekko

    static final class Pekko extends PekkoWorkload {
        private final ActorRef[] refs;

        Pekko(Library library, int n) {
            super("create-stop", library);
            this.refs = new ActorRef[n];
        }

        @Override
        public long run() throws Exception {
            int n = refs.length;
            CountDownLatch received = new CountDownLatch(n);
            CountDownLatch stopped = new CountDownLatch(n);
            LongAdder handled = new LongAdder();
            Props props = Props.create(PekkoLive.class, () -> new PekkoLive(handled, received, stopped));
            for (int i = 0; i < n; i++) {
                ActorRef r = system.actorOf(props);
                r.tell(Go.INSTANCE, ActorRef.noSender());
                refs[i] = r;
            }
            Sync.await(received, "pekko create-stop: messages", timeout(n));
            for (ActorRef r : refs) {
                system.stop(r);
            }
            Sync.await(stopped, "pekko create-stop: postStop", timeout(n));
            Arrays.fill(refs, null);
            return handled.sum() + (n - stopped.getCount());
        }

        @Override
        public long expected() {
            return 2L * refs.length;
        }
    }

    static final class PekkoLive extends AbstractActor {
        private final LongAdder handled;
        private final CountDownLatch received;
        private final CountDownLatch stopped;

        PekkoLive(LongAdder handled, CountDownLatch received, CountDownLatch stopped) {
            this.handled = handled;
            this.received = received;
            this.stopped = stopped;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(Go.class, g -> {
                        handled.increment();
                        received.countDown();
                    })
                    .build();
        }

        @Override
        public void postStop() {
            stopped.countDown();
        }
    }
}
