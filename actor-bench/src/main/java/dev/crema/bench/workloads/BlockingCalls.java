package dev.crema.bench.workloads;

import dev.crema.actor.ActorFactory;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.Dispatcher;
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
 * Blocking work where it belongs: {@code actors} actors, each of which blocks {@value #CALL_MILLIS} ms per
 * message in {@code Thread.sleep} (the stand-in for a JDBC call), on a dispatcher made for blocking. A run
 * tells every actor one call (one shared, immutable message) and ends when all have answered. Operations
 * per run: {@code actors} calls.
 *
 * <table>
 *   <caption>Dispatchers</caption>
 *   <tr><th>{@link Kind}</th><th>Crema</th><th>Pekko</th></tr>
 *   <tr><td>{@code blocking}</td><td>{@code Dispatcher.BLOCKING}: a pool of
 *       {@code SystemConfig.blockingThreads()} (64) threads</td>
 *       <td>a {@code thread-pool-executor} dispatcher with a fixed pool of as many threads</td></tr>
 *   <tr><td>{@code virtual}</td><td>{@code Dispatcher.VIRTUAL}: a virtual thread per run (JDK 21+)</td>
 *       <td>{@code executor = "virtual-thread-executor"} (Pekko 1.2+: a virtual thread per task)</td></tr>
 * </table>
 * On a JDK older than 21 the virtual kind refuses to start ({@link Kind#requireSupported()}): Pekko
 * would quietly fall back to its fork-join pool there and the numbers would be mislabelled. When it is
 * built, the workload checks with one probe per actor that the calls do (or do not) run on virtual
 * threads, so a fallback would fail the run instead of passing unnoticed.
 */
public final class BlockingCalls {

    /** How long each call blocks. */
    public static final int CALL_MILLIS = 1;

    /** The Pekko dispatcher id the blocking actors use (declared by {@link #pekkoDispatcherConfig}). */
    static final String PEKKO_DISPATCHER = "crema-bench-blocking-dispatcher";

    private BlockingCalls() {
    }

    /** Which kind of dispatcher runs the blocking actors. */
    public enum Kind {
        /** A bounded pool of platform threads. */
        BLOCKING("blocking"),
        /** Virtual threads, JDK 21+. */
        VIRTUAL("virtual");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /**
         * @param id {@code blocking} or {@code virtual}
         * @return the kind
         * @throws IllegalArgumentException for anything else
         */
        public static Kind of(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown dispatcher kind '" + id + "'; expected blocking or virtual");
        }

        /** @return whether this JVM can run this kind */
        public boolean isSupported() {
            return this != VIRTUAL || Runtime.version().feature() >= 21;
        }

        /**
         * @throws UnsupportedOperationException naming the JDK this kind needs, if this JVM cannot run it
         */
        public void requireSupported() {
            if (!isSupported()) {
                throw new UnsupportedOperationException("skipped: the '" + id + "' dispatcher needs JDK 21+ "
                        + "(virtual threads); this JVM is " + Runtime.version() + ". Run on JDK 21+, or pass "
                        + "-p dispatcher=blocking (-p load=none,blocking for the neighbour benchmark).");
            }
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /**
     * @param library the library
     * @param kind    the dispatcher kind
     * @param actors  blocking actors, at least 1
     * @return the workload; {@link Workload#run()} returns the calls answered
     * @throws UnsupportedOperationException if this JVM cannot run {@code kind}
     */
    public static Workload create(Library library, Kind kind, int actors) {
        if (actors < 1) {
            throw new IllegalArgumentException("need actors >= 1, got " + actors);
        }
        kind.requireSupported();
        return library == Library.CREMA ? new Crema(kind, actors) : new Pekko(library, kind, actors);
    }

    /** One call for every actor of a run; a probe reports whether it ran on a virtual thread, without blocking. */
    record Call(Round round, boolean probe) {
    }

    static void handle(Call c) throws InterruptedException {
        if (c.probe()) {
            c.round().finish(isVirtual(Thread.currentThread()) ? 1 : 0);
        } else {
            Thread.sleep(CALL_MILLIS);
            c.round().finish(1);
        }
    }

    /** {@code Thread.isVirtual()}, which a class compiled for Java 17 can only reach reflectively. */
    static boolean isVirtual(Thread t) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (NoSuchMethodException e) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends every actor a probe and checks where it ran.
     *
     * @param kind  the dispatcher kind expected
     * @param tell  sends a call to actor {@code i}
     * @param n     actors
     * @param who   names the workload in a failure
     */
    static void probe(Kind kind, java.util.function.ObjIntConsumer<Call> tell, int n, String who) {
        Round round = new Round(n);
        Call probe = new Call(round, true);
        for (int i = 0; i < n; i++) {
            tell.accept(probe, i);
        }
        long onVirtual;
        try {
            onVirtual = round.await(who + " probe");
        } catch (Exception e) {
            throw new IllegalStateException(who + ": the probe did not complete", e);
        }
        long want = kind == Kind.VIRTUAL ? n : 0;
        if (onVirtual != want) {
            throw new IllegalStateException(who + ": " + onVirtual + " of " + n + " actors ran on virtual threads, expected "
                    + want + " for the '" + kind + "' dispatcher");
        }
    }

    // ================================================================ Crema

    /**
     * @param kind the kind
     * @return the spawn options of the blocking actors
     */
    static SpawnOptions cremaOptions(Kind kind) {
        return SpawnOptions.defaults().withDispatcher(kind == Kind.VIRTUAL ? Dispatcher.VIRTUAL : Dispatcher.BLOCKING);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Addr<Call>[] spawnCrema(ActorSystem system, Kind kind, int n) {
        Addr<Call>[] callers = new Addr[n];
        SpawnOptions options = cremaOptions(kind);
        ActorFactory<Call> factory = ctx -> BlockingCalls::handle;
        for (int i = 0; i < n; i++) {
            callers[i] = system.spawnAnonymous(factory, options);
        }
        probe(kind, (c, i) -> callers[i].tell(c), n, "crema " + kind);
        return callers;
    }

    static final class Crema extends CremaWorkload {
        private final Addr<Call>[] callers;

        Crema(Kind kind, int actors) {
            super("blocking");
            try {
                this.callers = spawnCrema(system, kind, actors);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public long run() throws Exception {
            Round round = new Round(callers.length);
            Call call = new Call(round, false);
            for (Addr<Call> c : callers) {
                c.tell(call);
            }
            return round.await("crema blocking calls");
        }

        @Override
        public long expected() {
            return callers.length;
        }
    }

    // ================================================================ Pekko

    /**
     * @param kind the kind
     * @return HOCON declaring {@link #PEKKO_DISPATCHER} for this kind
     */
    static String pekkoDispatcherConfig(Kind kind) {
        String executor = kind == Kind.VIRTUAL ? "  executor = \"virtual-thread-executor\"\n"
                : "  executor = \"thread-pool-executor\"\n"
                        + "  thread-pool-executor.fixed-pool-size = " + CremaWorkload.config().blockingThreads() + "\n";
        return PEKKO_DISPATCHER + " {\n  type = Dispatcher\n" + executor + "}\n";
    }

    static ActorRef[] spawnPekko(org.apache.pekko.actor.ActorSystem system, Kind kind, int n) {
        ActorRef[] callers = new ActorRef[n];
        Props props = Props.create(PekkoCaller.class, PekkoCaller::new).withDispatcher(PEKKO_DISPATCHER);
        for (int i = 0; i < n; i++) {
            callers[i] = system.actorOf(props);
        }
        probe(kind, (c, i) -> callers[i].tell(c, ActorRef.noSender()), n, "pekko " + kind);
        return callers;
    }

    static final class Pekko extends PekkoWorkload {
        private final ActorRef[] callers;

        Pekko(Library library, Kind kind, int actors) {
            super("blocking", library, pekkoDispatcherConfig(kind));
            try {
                this.callers = spawnPekko(system, kind, actors);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public long run() throws Exception {
            Round round = new Round(callers.length);
            Call call = new Call(round, false);
            for (ActorRef c : callers) {
                c.tell(call, ActorRef.noSender());
            }
            return round.await("pekko blocking calls");
        }

        @Override
        public long expected() {
            return callers.length;
        }
    }

    static final class PekkoCaller extends AbstractActor {
        @Override
        public Receive createReceive() {
            return receiveBuilder().match(Call.class, BlockingCalls::handle).build();
        }
    }
}
