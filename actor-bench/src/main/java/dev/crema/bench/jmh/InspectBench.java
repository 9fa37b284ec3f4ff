package dev.crema.bench.jmh;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.inspect.SystemSnapshot;
import dev.crema.bench.CremaWorkload;
import dev.crema.bench.workloads.IdlePopulation;
import java.util.concurrent.TimeUnit;
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
 * The cost of one {@code system.inspect()}: a Crema system (default configuration) holding {@code actors}
 * idle top-level actors (spawned in the trial set-up, each has handled one message, as in
 * {@link IdleScalingBench}); each invocation takes one snapshot from the benchmark thread. Score: time per
 * snapshot; with {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes one snapshot allocates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class InspectBench {

    @Param({"1000", "100000"})
    public int actors;

    private ActorSystem system;
    private Addr<?>[] kept;

    @Setup(Level.Trial)
    public void setUp() {
        system = ActorSystem.create("inspect", CremaWorkload.config());
        kept = IdlePopulation.spawn(system, actors);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        SystemSnapshot last = system.inspect();
        if (last.liveActors() != kept.length) {
            throw new IllegalStateException("snapshot saw " + last.liveActors() + " actors, expected " + kept.length);
        }
        system.close();
    }

    @Benchmark
    public SystemSnapshot inspect() {
        return system.inspect();
    }
}
