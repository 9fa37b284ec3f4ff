package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.Workload;
import dev.crema.bench.workloads.AskRoundTrip;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * Workload 9, ask from outside the system: {@value #ASKS} asks per invocation, {@code window} in flight at a
 * time (1: strictly one round trip after another).
 *
 * <p>Score: round trips per second. Run settings: {@link LibraryBench}.
 */
public class AskBench extends LibraryBench<Workload> {

    /** Asks per invocation. */
    public static final int ASKS = 5_000;

    /** Asks in flight at once. */
    @Param({"1"})
    public int window;

    @Override
    protected Workload create(Library library) {
        return AskRoundTrip.create(library, ASKS, window);
    }

    @Benchmark
    @OperationsPerInvocation(ASKS)
    public long ask() throws Exception {
        return workload.runChecked();
    }
}
