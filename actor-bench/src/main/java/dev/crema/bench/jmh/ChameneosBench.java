package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.Workload;
import dev.crema.bench.workloads.Chameneos;
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
 * Workload 7, chameneos: a mall and {@code chameneos} chameneos, {@value #MEETINGS} meetings per invocation.
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
public class ChameneosBench {

    /** Meetings per invocation; each is four messages (the 4 * chameneos + 1 messages to start and end a
     * run, 0.2 % at the defaults, are not counted). */
    public static final int MEETINGS = 50_000;

    @Param({"crema", "pekko-default", "pekko-tuned"})
    public String library;

    /** Chameneos. */
    @Param({"100"})
    public int chameneos;

    private Workload workload;

    @Setup(Level.Trial)
    public void setUp() {
        workload = Chameneos.create(Library.of(library), chameneos, MEETINGS);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workload.close();
    }

    @Benchmark
    @OperationsPerInvocation(4 * MEETINGS)
    public long chameneos() throws Exception {
        return workload.runChecked();
    }
}
