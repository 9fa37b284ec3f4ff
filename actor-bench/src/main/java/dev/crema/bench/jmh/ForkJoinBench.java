package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.Workload;
import dev.crema.bench.workloads.ForkJoinThroughput;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * Workload 4, fork-join throughput: {@value #MESSAGES} messages sent round-robin from one thread to
 * {@code actors} actors, each doing a small computation per message.
 *
 * <p>Score: messages per second. Run settings: {@link LibraryBench}.
 */
public class ForkJoinBench extends LibraryBench<Workload> {

    /** Messages per invocation. */
    public static final int MESSAGES = 300_000;

    /** Worker actors. */
    @Param({"60"})
    public int actors;

    @Override
    protected Workload create(Library library) {
        return ForkJoinThroughput.create(library, actors, MESSAGES);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long forkJoinThroughput() throws Exception {
        return workload.runChecked();
    }
}
