package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.workloads.BlockingCalls;
import dev.crema.bench.workloads.BlockingNeighbour;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Does the default dispatcher stay fast next to blocking work? Per invocation the ping-pong of workload 1
 * ({@value #ROUND_TRIPS} round trips, two actors on the default dispatcher) while, in the same system,
 * {@value #ACTORS} blocking actors on the {@code load} dispatcher are kept busy by a background thread at
 * a fixed offered rate ({@link BlockingNeighbour}: one call per actor every
 * {@value BlockingNeighbour#PERIOD_MILLIS} ms at most). {@code load = none} is the ping-pong alone, the
 * same run's baseline; {@code virtual} needs JDK 21+ (see {@link BlockingBench}).
 *
 * <p>Score: ping-pong messages per second. The {@code backgroundCalls} counter (per second) shows the
 * blocking load that ran meanwhile. Run settings: {@link LibraryBench}.
 */
public class BlockingNeighbourBench extends LibraryBench<BlockingNeighbour.NeighbourWorkload> {

    /** Round trips per invocation; each is two messages. */
    public static final int ROUND_TRIPS = 20_000;

    /** Blocking actors in the background. */
    public static final int ACTORS = 10_000;

    /** {@code none}, {@code blocking} or {@code virtual}. */
    @Param({"none", "blocking", "virtual"})
    public String load;

    /** Background calls answered, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Background {
        public long backgroundCalls;

        @Setup(Level.Iteration)
        public void reset() {
            backgroundCalls = 0;
        }
    }

    @Override
    protected BlockingNeighbour.NeighbourWorkload create(Library library) {
        BlockingCalls.Kind kind = load.equals("none") ? null : BlockingCalls.Kind.of(load);
        return BlockingNeighbour.create(library, kind, ACTORS, ROUND_TRIPS);
    }

    @Benchmark
    @OperationsPerInvocation(2 * ROUND_TRIPS)
    public long pingPongNextToBlocking(Background background) throws Exception {
        long before = workload.backgroundCalls();
        long r = workload.runChecked();
        background.backgroundCalls += workload.backgroundCalls() - before;
        return r;
    }
}
