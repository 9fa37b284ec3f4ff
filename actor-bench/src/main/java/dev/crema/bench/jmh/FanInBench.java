package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.Workload;
import dev.crema.bench.workloads.FanIn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * Workload 3, fan-in: {@code producers} producer actors send {@value #MESSAGES} messages between them to one
 * actor (the multi-producer mailbox under contention).
 *
 * <p>Score: messages per second. Run settings: {@link LibraryBench}.
 */
public class FanInBench extends LibraryBench<Workload> {

    /** Messages to the sink per invocation. */
    public static final int MESSAGES = 400_000;

    /** Producer actors. */
    @Param({"4"})
    public int producers;

    @Override
    protected Workload create(Library library) {
        return FanIn.create(library, producers, MESSAGES);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long fanIn() throws Exception {
        return workload.runChecked();
    }
}
