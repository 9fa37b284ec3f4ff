package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.workloads.AskUnderLoad;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

/**
 * How cost grows, 3: ask round-trip latency, idle and under load. Each invocation is one ask from the
 * benchmark thread to one actor, awaited ({@link AskUnderLoad} with {@code n = 1}); JMH's sample mode
 * times invocations and reports the percentiles (p50, p90, p99, p99.9, p99.99, max). With
 * {@code flood > 0}, a background thread floods that many other actors of the same system, started in
 * the trial set-up (at most {@value AskUnderLoad#BACKLOG} messages outstanding, each
 * {@value AskUnderLoad#WORK_TOKENS} CPU tokens of work), so every worker is busy when the ask arrives.
 *
 * <p>Score: microseconds per round trip (the mean; the percentiles are in the JSON's
 * {@code scorePercentiles}). Fork and iteration settings: {@link LibraryBench}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AskLatencyBench extends LibraryBench<AskUnderLoad.LoadedWorkload> {

    /** Actors flooded in the background; 0 for no load. */
    @Param({"0", "4"})
    public int flood;

    @Override
    protected AskUnderLoad.LoadedWorkload create(Library library) {
        return AskUnderLoad.create(library, 1, flood);
    }

    @Benchmark
    public long askLatency() throws Exception {
        return workload.runChecked();
    }
}
