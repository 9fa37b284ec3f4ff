package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.Workload;
import dev.crema.bench.workloads.Counting;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Workload 2, counting: one producer thread tells one actor {@value #MESSAGES} increments, then asks for
 * the count and checks it.
 *
 * <p>Score: messages per second. Run settings: {@link LibraryBench}.
 */
public class CountingBench extends LibraryBench<Workload> {

    /** Increments per invocation. */
    public static final int MESSAGES = 1_000_000;

    @Override
    protected Workload create(Library library) {
        return Counting.create(library, MESSAGES);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long counting() throws Exception {
        return workload.runChecked();
    }
}
