package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.Workload;
import dev.crema.bench.workloads.ThreadRing;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 5, thread ring: {@code actors} actors pass a token {@value #HOPS} hops per invocation.
 *
 * <p>Score: messages per second. The annotations are the full run; the quick run overrides them on the
 * command line (see the README).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ThreadRingBench {

    /** Token hops (messages) per invocation. */
    public static final int HOPS = 100_000;

    @Param({"crema", "pekko-default", "pekko-tuned"})
    public String library;

    /** Ring size. */
    @Param({"100"})
    public int actors;

    private Workload workload;

    @Setup(Level.Trial)
    public void setUp() {
        workload = ThreadRing.create(Library.of(library), actors, HOPS);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workload.close();
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public long threadRing() throws Exception {
        return workload.runChecked();
    }
}
