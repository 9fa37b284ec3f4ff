package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.Workload;
import dev.crema.bench.workloads.PingPongPairs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * How cost grows, 1: the same work with more idle actors in the system. Per invocation {@value #PAIRS}
 * ping-pong pairs do {@value #ROUND_TRIPS} round trips in all ({@link PingPongPairs}) while {@code idle}
 * idle actors live in the same system: spawned in the trial set-up, each has handled one message, kept
 * referenced, never touched by the timed work.
 *
 * <p>Score: messages per second. Run settings: {@link LibraryBench}.
 */
public class IdleScalingBench extends LibraryBench<Workload> {

    /** Ping-pong pairs doing the timed work. */
    public static final int PAIRS = 100;

    /** Round trips per invocation, over all pairs; each is two messages. */
    public static final int ROUND_TRIPS = 100_000;

    /** Idle actors alive next to the work. */
    @Param({"1000", "100000", "1000000"})
    public int idle;

    @Override
    protected Workload create(Library library) {
        return PingPongPairs.create(library, PAIRS, ROUND_TRIPS, idle);
    }

    @Benchmark
    @OperationsPerInvocation(2 * ROUND_TRIPS)
    public long withIdleActors() throws Exception {
        return workload.runChecked();
    }
}
