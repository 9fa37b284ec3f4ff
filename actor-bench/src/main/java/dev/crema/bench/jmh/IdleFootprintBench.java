package dev.crema.bench.jmh;

import dev.crema.bench.Library;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Workload 11a, memory per idle actor: each invocation starts a system, creates {@code actors} idle
 * actors and reports the GC-stabilised heap delta per actor as the {@code bytesPerActor} counter (see
 * {@link IdleFootprint} for what "idle" means). The primary score, the time of an invocation (start-up,
 * spawning and the collections), is not the point. Bytes per message, workload 11b, come from running
 * the throughput benchmarks with {@code -prof gc} ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class IdleFootprintBench {

    @Param({"crema", "pekko-default", "pekko-tuned"})
    public String library;

    /** Idle actors per measurement. */
    @Param({"100000"})
    public int actors;

    /** Heap bytes per idle actor of the invocation. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Heap {
        public double bytesPerActor;

        @Setup(Level.Iteration)
        public void reset() {
            bytesPerActor = 0;
        }
    }

    @Benchmark
    public long idleActors(Heap heap) throws Exception {
        IdleFootprint.Footprint f = IdleFootprint.measure(Library.of(library), actors);
        if (f.messages() != actors) {
            throw new IllegalStateException("only " + f.messages() + " of " + actors + " actors got their message");
        }
        heap.bytesPerActor = f.bytesPerActor();
        return f.messages();
    }
}
