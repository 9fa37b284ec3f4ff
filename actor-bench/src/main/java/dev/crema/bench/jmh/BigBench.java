package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.Workload;
import dev.crema.bench.workloads.Big;
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
 * Workload 6, Savina Big: {@code actors} actors ping random neighbours, {@value #PINGS} pings per
 * invocation in all, each answered with a pong.
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
public class BigBench {

    /** Pings per invocation, split evenly over the actors (each answered: twice as many messages). */
    public static final int PINGS = 120_000;

    @Param({"crema", "pekko-default", "pekko-tuned"})
    public String library;

    /** Actors; must divide {@link #PINGS}. */
    @Param({"120"})
    public int actors;

    private Workload workload;

    @Setup(Level.Trial)
    public void setUp() {
        workload = Big.create(Library.of(library), actors, pingsPerActor(actors));
    }

    static int pingsPerActor(int actors) {
        if (actors < 2 || PINGS % actors != 0) {
            throw new IllegalArgumentException("actors must divide " + PINGS + ", got " + actors);
        }
        return PINGS / actors;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workload.close();
    }

    @Benchmark
    @OperationsPerInvocation(2 * PINGS)
    public long big() throws Exception {
        return workload.runChecked();
    }
}
