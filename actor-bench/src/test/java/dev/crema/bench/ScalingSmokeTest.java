package dev.crema.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.crema.bench.workloads.AskUnderLoad;
import dev.crema.bench.workloads.BlockingCalls;
import dev.crema.bench.workloads.BlockingNeighbour;
import dev.crema.bench.workloads.CreateStop;
import dev.crema.bench.workloads.IdleFootprint;
import dev.crema.bench.workloads.PingPongPairs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The CI smoke pass of the scaling and blocking workloads (issue 14, items 4 and 5): each once per
 * library, run twice on the same actors as JMH runs it repeatedly, with small sizes (1 000 idle actors,
 * 10 pairs, 200 blocking actors), through the code the JMH benchmarks time. Counts are exact; nothing
 * asserts timing, and the timeouts only turn a lost message into a failure instead of a hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScalingSmokeTest {

    private static final boolean VIRTUAL_THREADS = BlockingCalls.Kind.VIRTUAL.isSupported();

    private static void runTwice(Workload w) throws Exception {
        try (w) {
            for (int run = 0; run < 2; run++) {
                assertThat(w.run()).as("run %d", run).isEqualTo(w.expected());
            }
        }
    }

    /** Waits, bounded, for a condition that background actors make true. */
    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within 20 s", what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void pairsCountEveryPong(Library lib) throws Exception {
        Workload w = PingPongPairs.create(lib, 10, 1_003, 0);
        assertThat(w.expected()).isEqualTo(1_003);
        runTwice(w);
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void pairsNextToIdleActors(Library lib) throws Exception {
        runTwice(PingPongPairs.create(lib, 10, 1_000, 1_000));
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void askWithoutAndWithBackgroundLoad(Library lib) throws Exception {
        try (AskUnderLoad.LoadedWorkload w = AskUnderLoad.create(lib, 50, 0)) {
            assertThat(w.run()).isEqualTo(50);
            assertThat(w.backgroundMessages()).isZero();
        }
        try (AskUnderLoad.LoadedWorkload w = AskUnderLoad.create(lib, 50, 2)) {
            eventually(() -> w.backgroundMessages() > 0, "background messages");
            for (int run = 0; run < 2; run++) {
                assertThat(w.run()).isEqualTo(50);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void createAndStopCountsMessagesAndPostStops(Library lib) throws Exception {
        Workload w = CreateStop.create(lib, 2_000);
        assertThat(w.expected()).isEqualTo(4_000);
        runTwice(w);
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void blockingCallsOnTheBlockingDispatcher(Library lib) throws Exception {
        runTwice(BlockingCalls.create(lib, BlockingCalls.Kind.BLOCKING, 200));
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void blockingCallsOnVirtualThreads(Library lib) throws Exception {
        assumeThat(VIRTUAL_THREADS).as("virtual threads need JDK 21+").isTrue();
        runTwice(BlockingCalls.create(lib, BlockingCalls.Kind.VIRTUAL, 200));
    }

    @Test
    void virtualKindRefusesOldJdksWithTheFix() {
        assumeThat(VIRTUAL_THREADS).as("only before JDK 21").isFalse();
        for (Library lib : Library.values()) {
            assertThatThrownBy(() -> BlockingCalls.create(lib, BlockingCalls.Kind.VIRTUAL, 10))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("needs JDK 21+")
                    .hasMessageContaining("-p dispatcher=blocking");
        }
    }

    @ParameterizedTest
    @EnumSource(Library.class)
    void pingPongAloneAndNextToBlockingWork(Library lib) throws Exception {
        runTwice(BlockingNeighbour.create(lib, null, 1, 500));
        BlockingCalls.Kind kind = VIRTUAL_THREADS ? BlockingCalls.Kind.VIRTUAL : BlockingCalls.Kind.BLOCKING;
        for (BlockingCalls.Kind k : new BlockingCalls.Kind[] {BlockingCalls.Kind.BLOCKING, kind}) {
            try (BlockingNeighbour.NeighbourWorkload w = BlockingNeighbour.create(lib, k, 200, 500)) {
                eventually(() -> w.backgroundCalls() >= 200, "a round of background calls (" + k + ")");
                for (int run = 0; run < 2; run++) {
                    assertThat(w.run()).isEqualTo(500);
                }
                assertThat(w.backgroundCalls() % 200).as("background calls come in whole rounds or a round in progress")
                        .isBetween(0L, 199L);
            }
        }
    }

    @Test
    void heapPeakSeesAnAllocationAboveTheBaseline() throws Exception {
        HeapPeak peak = new HeapPeak();
        IdleFootprint.stableUsedHeap(); // as the benchmark does: garbage in the baseline could be collected meanwhile
        peak.start();
        byte[][] chunks = new byte[64][];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = new byte[1 << 20];
        }
        long high = peak.stop();
        assertThat(chunks[63]).hasSize(1 << 20);
        assertThat(high - peak.baseline()).as("64 MB allocated and held").isGreaterThanOrEqualTo(60L << 20);
    }
}
