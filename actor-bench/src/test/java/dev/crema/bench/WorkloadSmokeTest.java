package dev.crema.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.bench.workloads.AskRoundTrip;
import dev.crema.bench.workloads.Big;
import dev.crema.bench.workloads.Chameneos;
import dev.crema.bench.workloads.Counting;
import dev.crema.bench.workloads.Creation;
import dev.crema.bench.workloads.FanIn;
import dev.crema.bench.workloads.ForkJoinThroughput;
import dev.crema.bench.workloads.IdleFootprint;
import dev.crema.bench.workloads.Overload;
import dev.crema.bench.workloads.PingPong;
import dev.crema.bench.workloads.ThreadRing;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CI smoke pass: every workload, once per library, with small sizes, through the same code the JMH
 * benchmarks time (not through JMH's runner). Each workload runs twice on the same actors, as JMH runs it
 * repeatedly, and every count must be exact. Nothing here asserts timing; the timeouts only turn a lost
 * message into a failure instead of a hang.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkloadSmokeTest {

    private static void runTwice(Supplier<Workload> create, long expected) throws Exception {
        try (Workload w = create.get()) {
            assertThat(w.expected()).isEqualTo(expected);
            for (int run = 0; run < 2; run++) {
                assertThat(w.run()).as("run %d", run).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void pingPong(Library lib) throws Exception {
        runTwice(() -> PingPong.create(lib, 500), 500);
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void countingReturnsN(Library lib) throws Exception {
        runTwice(() -> Counting.create(lib, 20_000), 20_000);
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void fanIn(Library lib) throws Exception {
        runTwice(() -> FanIn.create(lib, 4, 10_001), 10_001);
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void forkJoinThroughput(Library lib) throws Exception {
        runTwice(() -> ForkJoinThroughput.create(lib, 60, 6_007), 6_007);
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void threadRing(Library lib) throws Exception {
        runTwice(() -> ThreadRing.create(lib, 100, 1_000), 1_000);
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void big(Library lib) throws Exception {
        runTwice(() -> Big.create(lib, 120, 20), 120 * 20);
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void chameneos(Library lib) throws Exception {
        runTwice(() -> Chameneos.create(lib, 100, 1_000), 2 * 1_000);
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void creation(Library lib) throws Exception {
        runTwice(() -> Creation.create(lib, 1_000), 1_000);
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void askOneAtATime(Library lib) throws Exception {
        runTwice(() -> AskRoundTrip.create(lib, 200, 1), 200);
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void askWindowed(Library lib) throws Exception {
        runTwice(() -> AskRoundTrip.create(lib, 203, 16), 203);
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void overloadLosesNothing(Library lib) throws Exception {
        int sends = 40_000;
        try (Overload.OverloadWorkload w = Overload.create(lib, 2, sends, 100, 50)) {
            for (int run = 0; run < 2; run++) {
                assertThat(w.run()).isEqualTo(sends);
                Overload.Outcome o = w.lastOutcome();
                assertThat(o.sent()).isEqualTo(sends);
                assertThat(o.accepted() + o.rejected()).as("accepted + rejected").isEqualTo(sends);
                assertThat(o.processed()).as("processed").isEqualTo(o.accepted());
                assertThat(o.accepted()).as("the consumer took some").isPositive();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void idleFootprintCompletes(Library lib) throws Exception {
        IdleFootprint.Footprint f = IdleFootprint.measure(lib, 2_000);
        assertThat(f.messages()).isEqualTo(2_000);
        assertThat(f.heapBefore()).isPositive();
        assertThat(f.heapAfter()).isPositive();
    }
}
