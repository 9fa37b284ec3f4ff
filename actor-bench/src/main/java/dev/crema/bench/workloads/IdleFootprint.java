package dev.crema.bench.workloads;

import dev.crema.actor.ActorFactory;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.bench.CremaWorkload;
import dev.crema.bench.Library;
import dev.crema.bench.PekkoSystems;
import dev.crema.bench.Sync;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.concurrent.CountDownLatch;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;

/**
 * Heap bytes per idle actor: the GC-stabilised heap delta over {@code n} actors, divided by {@code n}.
 *
 * <p>"Idle" means: spawned as a top-level actor with default options, has handled exactly one message,
 * nothing is pending, and the caller still holds its address (in an array allocated before the first
 * measurement, so the array is not counted). Each actor instance holds one reference (to a shared latch)
 * in both libraries: a Crema capturing lambda, a Pekko {@code AbstractActor} subclass with one field.
 *
 * <p>The heap is measured with {@link MemoryMXBean} after {@code System.gc()}, repeated until two
 * consecutive readings agree within 0.1 % (at least three collections). The system is started, and a
 * first batch of actors spawned and stopped, before the first reading, so one-time start-up costs are not
 * charged to the actors. Needs explicit GC enabled (no {@code -XX:+DisableExplicitGC}).
 */
public final class IdleFootprint {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private IdleFootprint() {
    }

    /** What one measurement saw. */
    public record Footprint(Library library, int actors, long heapBefore, long heapAfter, long messages) {
        /** @return heap bytes per idle actor */
        public double bytesPerActor() {
            return (double) (heapAfter - heapBefore) / actors;
        }
    }

    enum Hello { INSTANCE }

    /**
     * Measures one library.
     *
     * @param library the library
     * @param n       idle actors to create
     * @return the measurement
     * @throws Exception if the actors did not all handle their message in time
     */
    public static Footprint measure(Library library, int n) throws Exception {
        return library == Library.CREMA ? crema(n) : pekko(library, n);
    }

    private static Footprint crema(int n) throws Exception {
        try (ActorSystem system = ActorSystem.create("footprint", CremaWorkload.config())) {
            // warm-up batch: classes, pools and first-use structures, not charged to the measured actors
            cremaBatch(system, new Addr<?>[Math.min(n, 1000)], new CountDownLatch(Math.min(n, 1000)), true);
            Addr<?>[] addrs = new Addr<?>[n];
            CountDownLatch received = new CountDownLatch(n);
            long before = stableUsedHeap();
            cremaBatch(system, addrs, received, false);
            long after = stableUsedHeap();
            Reference.reachabilityFence(addrs);
            return new Footprint(Library.CREMA, n, before, after, n - received.getCount());
        }
    }

    private static void cremaBatch(ActorSystem system, Addr<?>[] addrs, CountDownLatch received, boolean stop)
            throws Exception {
        ActorFactory<Hello> factory = ctx -> m -> received.countDown(); // one instance per actor, one field
        for (int i = 0; i < addrs.length; i++) {
            Addr<Hello> a = system.spawnAnonymous(factory);
            a.tell(Hello.INSTANCE);
            addrs[i] = a;
        }
        Sync.await(received, "crema footprint");
        if (stop) {
            for (Addr<?> a : addrs) {
                system.stop(a);
            }
            for (Addr<?> a : addrs) {
                system.whenTerminated(a).get();
            }
        }
    }

    private static Footprint pekko(Library library, int n) throws Exception {
        org.apache.pekko.actor.ActorSystem system = PekkoSystems.create("footprint", library);
        try {
            pekkoBatch(system, new ActorRef[Math.min(n, 1000)], new CountDownLatch(Math.min(n, 1000)), true);
            ActorRef[] refs = new ActorRef[n];
            CountDownLatch received = new CountDownLatch(n);
            long before = stableUsedHeap();
            pekkoBatch(system, refs, received, false);
            long after = stableUsedHeap();
            Reference.reachabilityFence(refs);
            return new Footprint(library, n, before, after, n - received.getCount());
        } finally {
            PekkoSystems.terminate(system);
        }
    }

    private static void pekkoBatch(org.apache.pekko.actor.ActorSystem system, ActorRef[] refs,
                                   CountDownLatch received, boolean stop) throws Exception {
        Props props = Props.create(PekkoIdle.class, () -> new PekkoIdle(received));
        for (int i = 0; i < refs.length; i++) {
            ActorRef r = system.actorOf(props);
            r.tell(Hello.INSTANCE, ActorRef.noSender());
            refs[i] = r;
        }
        Sync.await(received, "pekko footprint");
        if (stop) {
            for (ActorRef r : refs) {
                system.stop(r);
            }
            // a stopped top-level actor leaves the guardian asynchronously; the GC loop below waits for
            // the heap to settle
        }
    }

    static final class PekkoIdle extends AbstractActor {
        private final CountDownLatch received;

        PekkoIdle(CountDownLatch received) {
            this.received = received;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().match(Hello.class, h -> received.countDown()).build();
        }
    }

    /**
     * The used heap after full collections, once it has settled.
     *
     * @return bytes
     * @throws InterruptedException if interrupted
     */
    public static long stableUsedHeap() throws InterruptedException {
        long prev = -1;
        for (int i = 0; i < 20; i++) {
            System.gc();
            Thread.sleep(30);
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (i >= 2 && Math.abs(used - prev) <= prev / 1000) {
                return used;
            }
            prev = used;
        }
        return prev;
    }

    /**
     * Prints bytes per idle actor for each library: {@code java -cp benchmarks.jar
     * dev.crema.bench.workloads.IdleFootprint [actors]}.
     *
     * @param args optional actor count (default 100000)
     * @throws Exception if a measurement fails
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        for (Library l : Library.values()) {
            Footprint f = measure(l, n);
            System.out.printf("%-14s %,d idle actors: %.1f bytes per actor (heap %,d -> %,d)%n", l, n,
                    f.bytesPerActor(), f.heapBefore(), f.heapAfter());
        }
    }
}
