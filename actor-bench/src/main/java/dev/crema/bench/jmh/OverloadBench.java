package dev.crema.bench.jmh;

import dev.crema.bench.Library;
import dev.crema.bench.workloads.Overload;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Workload 10, a bounded mailbox under overload: {@code producers} threads offer {@value #SENDS} messages
 * per invocation to one slow consumer with a mailbox of {@code capacity}. The primary score is offers per
 * second; the {@code accepted} and {@code rejected} counters (per second) split them, and {@code lost}
 * (a count) shows that every offer was either processed or reported refused: the run fails otherwise.
 */
public class OverloadBench extends LibraryBench<Overload.OverloadWorkload> {

    /** Offers per invocation, split over the producers. */
    public static final int SENDS = 200_000;

    /** Producer threads. */
    @Param({"2"})
    public int producers;

    /** The consumer's mailbox capacity. */
    @Param({"1000"})
    public int capacity;

    /** JMH CPU tokens the consumer burns per message (makes it slower than the producers). */
    @Param({"100"})
    public int work;

    /** Accepted and rejected offers, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Offers {
        public long accepted;
        public long rejected;

        @Setup(Level.Iteration)
        public void reset() {
            accepted = 0;
            rejected = 0;
        }
    }

    /** Offers neither processed nor reported refused, in total: always 0 (a run that loses one fails). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Losses {
        public long lost;

        @Setup(Level.Iteration)
        public void reset() {
            lost = 0;
        }
    }

    @Override
    protected Overload.OverloadWorkload create(Library library) {
        return Overload.create(library, producers, SENDS, capacity, work);
    }

    @Benchmark
    @OperationsPerInvocation(SENDS)
    public long overload(Offers offers, Losses losses) throws Exception {
        long r = workload.runChecked();
        Overload.Outcome o = workload.lastOutcome();
        offers.accepted += o.accepted();
        offers.rejected += o.rejected();
        losses.lost += Math.abs(o.sent() - o.accepted() - o.rejected()) + Math.abs(o.accepted() - o.processed());
        return r;
    }
}
