package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.Workload;
import dev.crema.bench.workloads.ThreadRing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * Workload 5, thread ring: {@code actors} actors pass a token {@value #HOPS} hops per invocation.
 *
 * <p>Score: messages per second. Run settings: {@link LibraryBench}.
 */
public class ThreadRingBench extends LibraryBench<Workload> {

    /** Token hops (messages) per invocation. */
    public static final int HOPS = 100_000;

    /** Ring size. */
    @Param({"100"})
    public int actors;

    @Override
    protected Workload create(Library library) {
        return ThreadRing.create(library, actors, HOPS);
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public long threadRing() throws Exception {
        return workload.runChecked();
    }
}
