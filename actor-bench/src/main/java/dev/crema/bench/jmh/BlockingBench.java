package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.Workload;
import dev.crema.bench.workloads.BlockingCalls;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * Blocking work: {@value #ACTORS} actors, each blocking {@value BlockingCalls#CALL_MILLIS} ms per message
 * ({@code Thread.sleep}, the stand-in for a JDBC call), get one call each per invocation, on a dispatcher
 * made for blocking ({@link BlockingCalls}): {@code blocking} (Crema {@code Dispatcher.BLOCKING}, Pekko a
 * thread-pool dispatcher of the same 64 threads) or {@code virtual} (Crema {@code Dispatcher.VIRTUAL},
 * Pekko's {@code virtual-thread-executor}; JDK 21+: on an older JDK the trial fails at once with a message
 * saying so, and {@code Suite} leaves it out).
 *
 * <p>Score: calls per second. Run settings: {@link LibraryBench}.
 */
public class BlockingBench extends LibraryBench<Workload> {

    /** Blocking actors, each called once per invocation. */
    public static final int ACTORS = 10_000;

    /** {@code blocking} or {@code virtual}. */
    @Param({"blocking", "virtual"})
    public String dispatcher;

    @Override
    protected Workload create(Library library) {
        return BlockingCalls.create(library, BlockingCalls.Kind.of(dispatcher), ACTORS);
    }

    @Benchmark
    @OperationsPerInvocation(ACTORS)
    public long blockingCalls() throws Exception {
        return workload.runChecked();
    }
}
