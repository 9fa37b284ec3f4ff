package dev.crema.bench.jmh;

import dev.crema.bench.HeapPeak;
import dev.crema.bench.Library;
import dev.crema.bench.Workload;
import dev.crema.bench.workloads.CreateStop;
import dev.crema.bench.workloads.IdleFootprint;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
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
 * How cost grows, 4: creating and stopping many actors, all alive at once. Each invocation (a single shot)
 * spawns {@code actors} top-level actors, tells each one message, waits until all have handled it, stops
 * them all from outside and waits for every {@code postStop} ({@link CreateStop}). The system is started
 * in the trial set-up; before each shot full GCs settle the heap (outside the timed region).
 *
 * <p>Score: milliseconds per shot. Counter {@code peakHeapMB}: the heap's high-water mark during the shot
 * above the settled heap before it, in MB (10<sup>6</sup> bytes), measured by {@link HeapPeak} from the
 * collectors' own before-collection figures and the used heap at the end (no sampling thread); it includes
 * garbage not yet collected, under {@code -Xms2g -Xmx2g}. It is an events counter: one value per shot, so
 * take the per-iteration values from the JSON's {@code rawData}, not the score (a sum over iterations).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CreateStopBench {

    @Param({"crema", "pekko-default", "pekko-tuned"})
    public String library;

    /** Actors per shot. */
    @Param({"10000", "100000", "1000000"})
    public int actors;

    private Workload workload;

    /**
     * The heap's high-water mark of the shot: watched from this state's iteration set-up, after a full GC,
     * to its iteration tear-down, both outside the timed region (JMH reads the counter after the tear-down).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Heap {
        public double peakHeapMB;
        private final HeapPeak peak = new HeapPeak();

        @Setup(Level.Iteration)
        public void watch() throws InterruptedException {
            IdleFootprint.stableUsedHeap();
            peak.start();
        }

        @TearDown(Level.Iteration)
        public void record() {
            peakHeapMB = (peak.stop() - peak.baseline()) / 1e6;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        workload = CreateStop.create(Library.of(library), actors);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workload.close();
    }

    @Benchmark
    public long createAndStop(Heap heap) throws Exception {
        return workload.runChecked();
    }
}
