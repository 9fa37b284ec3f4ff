package dev.crema.actor.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.Mailbox;
import dev.crema.actor.SendResult;
import dev.crema.actor.ShutdownReport;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.SystemConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, items 1 and 2: a shutdown that runs out of time keeps its deadline and still accounts for every
 * accepted message exactly once by the time it returns, however large the backlog and however many actors
 * never got a thread again; and two shutdowns at once both get the one report.
 */
class ShutdownPastDeadlineHardeningTest {

    /** Spins (no sleep: a CPU-bound handler) for about {@code nanos}. */
    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    /** What the test itself saw: accepted by the mailboxes, handled, dead-lettered (each counted once). */
    private static final class Books {
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong handled = new AtomicLong();
        final AtomicLong handledAfterShutdownBegan = new AtomicLong();
        final AtomicLong deadLettered = new AtomicLong();
        final AtomicLong otherDeadLetters = new AtomicLong();
        final AtomicBoolean shuttingDown = new AtomicBoolean();

        void handled() {
            handled.incrementAndGet();
            if (shuttingDown.get()) {
                handledAfterShutdownBegan.incrementAndGet();
            }
        }
    }

    /**
     * A system whose dead letters the test sees one by one ({@code subscribe}), or only as the counts of the
     * report (then a stopping actor's backlog is counted without being visited, the fast path).
     */
    private static ActorSystem system(String name, Books books, boolean subscribe) {
        ActorSystem system = ActorSystem.create(name, SystemConfig.defaults().withDeadLetterLogLimit(0));
        if (!subscribe) {
            return system;
        }
        system.deadLetters().subscribe(dl -> {
            if (dl.reason() == DeadLetterReason.SHUTDOWN) {
                books.deadLettered.incrementAndGet();
            } else {
                books.otherDeadLetters.incrementAndGet();
            }
        });
        return system;
    }

    private static void assertEveryAcceptedMessageAccountedFor(Books books, ShutdownReport report, boolean subscribed) {
        if (!subscribed) {
            books.deadLettered.set(report.deadLetters().get(DeadLetterReason.SHUTDOWN)); // the report alone
        }
        System.out.printf("accepted %d, handled %d, dead-lettered %d: %s%n", books.accepted.get(), books.handled.get(),
                books.deadLettered.get(), report);
        assertThat(report.unresponsive()).as("no handler was stuck").isEmpty();
        assertThat(books.otherDeadLetters.get()).as("no dead letter for another reason").isZero();
        // at the moment shutdown returned: nothing is left to be handled or dead-lettered later
        assertThat(books.handled.get() + books.deadLettered.get()).as("accepted = handled + dead-lettered, exactly")
                .isEqualTo(books.accepted.get());
        assertThat(report.deadLetters().get(DeadLetterReason.SHUTDOWN)).as("the report's dead letters")
                .isEqualTo(books.deadLettered.get());
        // a handler that straddles the start of the shutdown may be on either side of that line: at most one
        // per worker thread
        long workers = Runtime.getRuntime().availableProcessors();
        assertThat(report.messagesDrained()).as("the report's drained messages")
                .isBetween(books.handledAfterShutdownBegan.get() - workers, books.handledAfterShutdownBegan.get());
        assertThat(report.toString().length()).as("the report line stays short").isLessThan(1_000);
    }

    @Test
    void fewActorsWithHugeBacklogs_shutdownPastItsDeadline_keepsItAndDeadLettersEveryLeftoverExactlyOnce() {
        Books books = new Books();
        ActorSystem system = system("past-deadline-few", books, true);
        SpawnOptions unbounded = SpawnOptions.defaults().withMailbox(Mailbox.unbounded());
        List<Addr<Integer>> actors = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            actors.add(system.spawn("slow-" + i, ctx -> m -> {
                spin(200_000);
                books.handled();
            }, unbounded));
        }
        int perActor = Hardening.scaled(500_000);
        Integer message = 1;
        for (int i = 0; i < perActor; i++) {
            for (Addr<Integer> a : actors) {
                if (a.trySend(message) == SendResult.ACCEPTED) {
                    books.accepted.incrementAndGet();
                }
            }
        }
        Duration deadline = Duration.ofMillis(300);
        long start = System.nanoTime();
        ShutdownReport report = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            books.shuttingDown.set(true);
            return system.shutdown(deadline);
        });
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("4 actors x " + perActor + " messages, shutdown(300 ms) took " + tookMillis + " ms");
        assertThat(report.actorsStoppedForcibly()).isEqualTo(4);
        assertEveryAcceptedMessageAccountedFor(books, report, true);
    }

    @Test
    void manyActorsWaitingForAThread_shutdownPastItsDeadline_deadLettersTheirMailboxesToo() {
        Books books = new Books();
        ActorSystem system = system("past-deadline-many", books, false);
        int actors = Hardening.scaled(100_000);
        int perActor = 50;
        List<Addr<String>> all = new ArrayList<>(actors);
        for (int i = 0; i < actors; i++) {
            all.add(system.spawnAnonymous(ctx -> m -> {
                spin(1_000_000);
                books.handled();
            }));
        }
        String message = "work";
        for (int round = 0; round < perActor; round++) {
            for (Addr<String> a : all) {
                if (a.trySend(message) == SendResult.ACCEPTED) {
                    books.accepted.incrementAndGet();
                }
            }
        }
        ShutdownReport report = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            books.shuttingDown.set(true);
            return system.shutdown(Duration.ofSeconds(1));
        });
        System.out.println(actors + " actors x " + perActor + " messages, shutdown(1 s) took "
                + report.elapsed().toMillis() + " ms");
        assertThat(report.actorsStoppedForcibly() + report.actorsStoppedGracefully()).isEqualTo(actors);
        assertEveryAcceptedMessageAccountedFor(books, report, false);
    }

    @Test
    void twoShutdownsAtOnce_withAnActorStuckInABusyHandler_bothGetTheFirstReport() throws Exception {
        int trials = Hardening.scaled(6);
        for (int trial = 0; trial < trials; trial++) {
            ActorSystem system = ActorSystem.create("concurrent-" + trial, SystemConfig.defaults()
                    .withShutdownTimeout(Duration.ofMillis(300)).withDeadLetterLogLimit(0));
            CountDownLatch busy = new CountDownLatch(1);
            AtomicBoolean release = new AtomicBoolean();
            Addr<String> stuck = system.spawn("busy", ctx -> m -> {
                busy.countDown();
                while (!release.get()) {
                    Thread.onSpinWait(); // busy, and deaf to interrupts
                }
            });
            stuck.tell("go");
            assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();
            CountDownLatch ready = new CountDownLatch(2);
            CompletableFuture<ShutdownReport> viaShutdown = CompletableFuture.supplyAsync(() -> {
                ready.countDown();
                await(ready);
                return system.shutdown(Duration.ofMillis(300));
            });
            CompletableFuture<ShutdownReport> viaClose = CompletableFuture.supplyAsync(() -> {
                ready.countDown();
                await(ready);
                system.close();
                return system.whenShutdown().join();
            });
            try {
                ShutdownReport a = viaShutdown.get(30, TimeUnit.SECONDS);
                ShutdownReport b = viaClose.get(30, TimeUnit.SECONDS);
                assertThat(b).as("trial %d: one report for both callers", trial).isSameAs(a);
                assertThat(a.unresponsive()).containsExactly(stuck.path());
            } finally {
                release.set(true);
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
