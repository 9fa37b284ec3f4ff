package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.Workload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every throughput benchmark shares (JMH reads these annotations, the {@code library} parameter and
 * the trial set-up and tear-down from the superclass): one workload per trial, built for each library,
 * closed at the end. A subclass adds its own parameters, builds its workload in {@link #create}, and
 * times {@code workload.runChecked()} in its {@code @Benchmark} method with {@code @OperationsPerInvocation}
 * = messages. The annotations are the full run; the quick run overrides them on the command line (see
 * the README).
 *
 * <p>Instances are JMH state: one per trial, used by the benchmark thread only.
 *
 * @param <W> the workload type
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public abstract class LibraryBench<W extends Workload> {

    @Param({"crema", "pekko-default", "pekko-tuned"})
    public String library;

    /** The trial's workload, built after JMH has set every parameter. */
    protected W workload;

    @Setup(Level.Trial)
    public void setUp() {
        workload = create(Library.of(library));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workload.close();
    }

    /**
     * @param library the library of this trial
     * @return the workload for the subclass's parameters
     */
    protected abstract W create(Library library);
}
