package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.Workload;
import dev.crema.bench.workloads.PingPong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Workload 1, ping-pong: 2 actors, one message in flight, {@value #ROUND_TRIPS} round trips per invocation.
 *
 * <p>Score: messages per second. Run settings: {@link LibraryBench}.
 */
public class PingPongBench extends LibraryBench<Workload> {

    /** Round trips per invocation; each is two messages. */
    public static final int ROUND_TRIPS = 20_000;

    @Override
    protected Workload create(Library library) {
        return PingPong.create(library, ROUND_TRIPS);
    }

    @Benchmark
    @OperationsPerInvocation(2 * ROUND_TRIPS)
    public long pingPong() throws Exception {
        return workload.runChecked();
    }
}
