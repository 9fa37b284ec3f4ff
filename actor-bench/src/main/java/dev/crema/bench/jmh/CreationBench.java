package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.Workload;
import dev.crema.bench.workloads.Creation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * Workload 8, actor creation: spawn {@value #ACTORS} top-level actors per invocation, tell each one message,
 * each stops itself; timed until every one has run postStop.
 *
 * <p>Score: actors per second. Run settings: {@link LibraryBench}.
 */
public class CreationBench extends LibraryBench<Workload> {

    /** Actors per invocation. */
    public static final int ACTORS = 20_000;

    @Override
    protected Workload create(Library library) {
        return Creation.create(library, ACTORS);
    }

    @Benchmark
    @OperationsPerInvocation(ACTORS)
    public long creation() throws Exception {
        return workload.runChecked();
    }
}
