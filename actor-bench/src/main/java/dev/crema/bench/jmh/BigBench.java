package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.Workload;
import dev.crema.bench.workloads.Big;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * Workload 6, Savina Big: {@code actors} actors ping random neighbours, {@value #PINGS} pings per
 * invocation in all, each answered with a pong.
 *
 * <p>Score: messages per second. Run settings: {@link LibraryBench}.
 */
public class BigBench extends LibraryBench<Workload> {

    /** Pings per invocation, split evenly over the actors (each answered: twice as many messages). */
    public static final int PINGS = 120_000;

    /** Actors; must divide {@link #PINGS}. */
    @Param({"120"})
    public int actors;

    @Override
    protected Workload create(Library library) {
        return Big.create(library, actors, pingsPerActor(actors));
    }

    static int pingsPerActor(int actors) {
        if (actors < 2 || PINGS % actors != 0) {
            throw new IllegalArgumentException("actors must divide " + PINGS + ", got " + actors);
        }
        return PINGS / actors;
    }

    @Benchmark
    @OperationsPerInvocation(2 * PINGS)
    public long big() throws Exception {
        return workload.runChecked();
    }
}
