package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.Workload;
import dev.crema.bench.workloads.PingPongPairs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * How cost grows, 2: more concurrent ping-pong pairs for the same number of messages. Per invocation
 * {@code pairs} pairs, each with one message in flight, do {@value #ROUND_TRIPS} round trips in all
 * ({@link PingPongPairs}): one pair does them all, 10 000 pairs do 10 each. The start message to each
 * pinger is sent inside the timed region (it is part of running that many pairs) and not counted.
 *
 * <p>Score: messages per second. Run settings: {@link LibraryBench}.
 */
public class PairsScalingBench extends LibraryBench<Workload> {

    /** Round trips per invocation, over all pairs; each is two messages. */
    public static final int ROUND_TRIPS = 100_000;

    /** Concurrent pairs. */
    @Param({"1", "10", "100", "1000", "10000"})
    public int pairs;

    @Override
    protected Workload create(Library library) {
        return PingPongPairs.create(library, pairs, ROUND_TRIPS, 0);
    }

    @Benchmark
    @OperationsPerInvocation(2 * ROUND_TRIPS)
    public long pairs() throws Exception {
        return workload.runChecked();
    }
}
