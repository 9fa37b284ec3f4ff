package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.Workload;
import dev.crema.bench.workloads.Chameneos;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * Workload 7, chameneos: a mall and {@code chameneos} chameneos, {@value #MEETINGS} meetings per invocation.
 *
 * <p>Score: messages per second. Run settings: {@link LibraryBench}.
 */
public class ChameneosBench extends LibraryBench<Workload> {

    /** Meetings per invocation; each is four messages (the 4 * chameneos + 1 messages to start and end a
     * run, 0.2 % at the defaults, are not counted). */
    public static final int MEETINGS = 50_000;

    /** Chameneos. */
    @Param({"100"})
    public int chameneos;

    @Override
    protected Workload create(Library library) {
        return Chameneos.create(library, chameneos, MEETINGS);
    }

    @Benchmark
    @OperationsPerInvocation(4 * MEETINGS)
    public long chameneos() throws Exception {
        return workload.runChecked();
    }
}
