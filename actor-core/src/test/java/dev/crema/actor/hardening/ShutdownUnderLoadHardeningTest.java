package dev.crema.actor.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.DeadLetters;
import dev.crema.actor.Decider;
import dev.crema.actor.Dispatcher;
import dev.crema.actor.Mailbox;
import dev.crema.actor.SendResult;
import dev.crema.actor.ShutdownReport;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.SystemConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * Issue point 4, shutdown under load: shutdown while producers are sending and actors are failing.
 * Every accepted message is processed or dead-lettered (reason SHUTDOWN, or FAILED with its cause for
 * the messages that crash their handler); the report's numbers add up; shutdown returns within its
 * deadline even with actors that block or ignore the stop.
 */
class ShutdownUnderLoadHardeningTest {

    private static final int TOP = 12;
    private static final int CHILDREN = 2;
    private static final int TARGETS = TOP * (1 + CHILDREN);
    private static final int PRODUCERS = 6;
    private static final int CRASH_EVERY = 101;

    /** A worker that records what it handles, and crashes on the messages marked so. */
    static final class Worker implements Actor<Object> {
        private final Ledger ledger;
        private final ActorSystem system;
        private final AtomicLong handledWhileShuttingDown;

        Worker(ActorContext<Object> ctx, Ledger ledger, AtomicLong handledWhileShuttingDown) {
            this.ledger = ledger;
            this.system = ctx.system();
            this.handledWhileShuttingDown = handledWhileShuttingDown;
        }

        @Override
        public void receive(Object message) {
            if (message instanceof Ledger.Msg m) {
                ledger.processed(m);
                if (m.crash()) {
                    throw new IllegalStateException("injected crash " + m);
                }
                if (system.isShutdown()) {
                    handledWhileShuttingDown.incrementAndGet(); // a crashed message is FAILED, not drained
                }
            }
        }
    }

    @Test
    void shutdownWhileProducersSendAndActorsFail_everyAcceptedMessageIsProcessedOrDeadLettered() throws Exception {
        Ledger ledger = new Ledger(TARGETS, PRODUCERS);
        AtomicLong handledWhileShuttingDown = new AtomicLong();
        AtomicLong processedTotal = new AtomicLong();
        ActorSystem system = ActorSystem.create("shutdown-load", SystemConfig.defaults().withDeadLetterLogLimit(0));
        AtomicLong otherDeadLetters = new AtomicLong();
        DeadLetters.Subscription sub = system.deadLetters().subscribe(dl -> {
            if (!ledger.deadLetter(dl)) {
                otherDeadLetters.incrementAndGet();
            }
        });

        // 12 top-level workers (crash -> RESUME, so their children live on), each with 2 children (crash -> RESTART)
        AtomicReferenceArray<Addr<Object>> targets = new AtomicReferenceArray<>(TARGETS);
        CountDownLatch built = new CountDownLatch(TARGETS);
        SpawnOptions child = SpawnOptions.defaults().withDecider(Decider.restart()).withMailbox(Mailbox.bounded(256));
        SpawnOptions top = SpawnOptions.defaults().withDecider(Decider.resume()).withMailbox(Mailbox.bounded(256));
        for (int t = 0; t < TOP; t++) {
            int index = t;
            Addr<Object> parent = system.spawn("top-" + t, ctx -> {
                for (int c = 0; c < CHILDREN; c++) {
                    int ci = TOP + index * CHILDREN + c;
                    Addr<Object> a = ctx.spawn("child-" + c, cctx -> new CountingWorker(cctx, ledger, handledWhileShuttingDown, processedTotal), child);
                    if (targets.compareAndSet(ci, null, a)) {
                        built.countDown();
                    }
                }
                return new CountingWorker(ctx, ledger, handledWhileShuttingDown, processedTotal);
            }, top);
            targets.set(index, parent);
            built.countDown();
        }
        assertThat(built.await(10, TimeUnit.SECONDS)).isTrue();

        AtomicBoolean stopProducing = new AtomicBoolean();
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            boolean useTell = p % 2 == 0;
            producers.add(new Thread(() -> {
                int[] seq = new int[TARGETS];
                try {
                    while (!stopProducing.get()) {
                        for (int t = 0; t < TARGETS; t++) {
                            int s = seq[t]++;
                            Ledger.Msg m = new Ledger.Msg(t, producer, s, s % CRASH_EVERY == CRASH_EVERY - 1);
                            ledger.sending(m);
                            if (useTell) {
                                targets.get(t).tell(m);
                            } else {
                                SendResult r = targets.get(t).trySend(m);
                                if (r != SendResult.ACCEPTED) {
                                    ledger.refused(m, r);
                                    Thread.yield();
                                }
                            }
                        }
                    }
                } catch (Throwable e) {
                    producerFailure.compareAndSet(null, e);
                }
            }, "producer-" + p));
        }
        producers.forEach(Thread::start);
        long volume = Hardening.scaled(300_000L);
        Hardening.awaitUntil(volume + " messages processed before the shutdown", Duration.ofSeconds(60),
                () -> processedTotal.get() >= volume);

        Duration deadline = Duration.ofSeconds(20);
        ShutdownReport report = assertTimeoutPreemptively(deadline.plusSeconds(30), () -> system.shutdown(deadline),
                "shutdown did not return (hang guard)");

        stopProducing.set(true);
        for (Thread th : producers) {
            th.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(th.isAlive()).as("producer still running").isFalse();
        }
        assertThat(producerFailure.get()).as("a producer failed").isNull();
        sub.close();

        Ledger.Audit audit = ledger.audit();
        System.out.println("shutdown under load: " + audit + "; " + report);
        assertThat(audit.problems).as("every message accounted for exactly once").isEmpty();
        assertThat(otherDeadLetters.get()).as("dead letters of other messages").isZero();
        assertThat(ledger.deadLetters(DeadLetterReason.STOPPED))
                .as("nothing stops before the shutdown, so nothing is dead-lettered as STOPPED").isZero();
        assertThat(audit.failedInHandler).as("crashes injected while shutting down").isPositive();

        assertThat(report.withinDeadline()).as("every actor stopped within the deadline").isTrue();
        assertThat(report.unresponsive()).isEmpty();
        assertThat(report.messagesAbandoned()).isZero();
        assertThat(report.actorsStoppedGracefully() + report.actorsStoppedForcibly()).isEqualTo(TARGETS);
        assertThat(report.actorsStoppedForcibly())
                .as("every handler is responsive and the deadline generous: a graceful shutdown").isZero();
        assertThat(report.deadLetters().get(DeadLetterReason.SHUTDOWN))
                .as("SHUTDOWN dead letters in the report (the producers went on after it returned)")
                .isLessThanOrEqualTo(ledger.deadLetters(DeadLetterReason.SHUTDOWN));
        assertThat(report.messagesDrained())
                .as("drained counts at least every message handled after the handler saw the shutdown flag")
                .isGreaterThanOrEqualTo(handledWhileShuttingDown.get())
                .as("and at most one throughput batch more per actor (the turn that straddled the flag)")
                .isLessThanOrEqualTo(handledWhileShuttingDown.get() + (long) TARGETS * SystemConfig.DEFAULT_THROUGHPUT);
    }

    // ---------------------------------------------------------------- actors that block or ignore the stop

    /** Blocks until released, ignoring interrupts: the one thing no runtime can stop. */
    static void blockIgnoringInterrupts(CountDownLatch release) {
        boolean interrupted = false;
        while (release.getCount() > 0) {
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted = true; // swallowed: this handler ignores the stop
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shutdownReturnsWithinItsDeadline_withActorsThatBlockOrIgnoreTheStop() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blockersRunning = new CountDownLatch(2);
        AtomicLong interruptedHandlers = new AtomicLong();
        ActorSystem system = ActorSystem.create("shutdown-hostile", SystemConfig.defaults().withDeadLetterLogLimit(0));
        try {
            AtomicLong processed = new AtomicLong();
            AtomicLong deadAfterAccepted = new AtomicLong();
            system.deadLetters().subscribe(dl -> {
                if ("work".equals(dl.message())) {
                    deadAfterAccepted.incrementAndGet();
                }
            });
            // a handler that blocks (interruptibly) on the default dispatcher
            Addr<String> blocker = system.spawn("blocker", ctx -> msg -> {
                if (msg.equals("block")) {
                    blockersRunning.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        interruptedHandlers.incrementAndGet();
                        throw e;
                    }
                }
                processed.incrementAndGet();
            });
            // a postStop that blocks (interruptibly), on the blocking dispatcher
            Addr<String> slowStop = system.spawn("slow-stop", ctx -> new Actor<String>() {
                @Override
                public void receive(String msg) {
                    processed.incrementAndGet();
                }

                @Override
                public void postStop() throws Exception {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        interruptedHandlers.incrementAndGet();
                        throw e;
                    }
                }
            }, SpawnOptions.defaults().withDispatcher(Dispatcher.BLOCKING));
            // a handler that ignores interrupts, on the blocking dispatcher
            Addr<String> stubborn = system.spawn("stubborn", ctx -> msg -> {
                if (msg.equals("block")) {
                    blockersRunning.countDown();
                    blockIgnoringInterrupts(release);
                }
                processed.incrementAndGet();
            }, SpawnOptions.defaults().withDispatcher(Dispatcher.BLOCKING));
            // and well-behaved actors with a backlog
            List<Addr<String>> fine = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                fine.add(system.spawn("fine-" + i, ctx -> msg -> processed.incrementAndGet()));
            }
            blocker.tell("block");
            stubborn.tell("block");
            long accepted = 0;
            for (int i = 0; i < 200; i++) {
                for (Addr<String> a : List.of(blocker, stubborn, slowStop)) {
                    accepted += a.trySend("work") == SendResult.ACCEPTED ? 1 : 0;
                }
                for (Addr<String> a : fine) {
                    accepted += a.trySend("work") == SendResult.ACCEPTED ? 1 : 0;
                }
            }
            assertThat(blockersRunning.await(10, TimeUnit.SECONDS)).as("both blocking handlers are running").isTrue();

            Duration deadline = Duration.ofSeconds(2);
            ShutdownReport report = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> system.shutdown(deadline),
                    "shutdown did not return (hang guard)");
            System.out.println("hostile shutdown: " + report);

            assertThat(report.withinDeadline()).as("the stubborn actor had not stopped at the deadline").isFalse();
            assertThat(report.unresponsive()).containsExactly(stubborn.path());
            // the stubborn actor holds up the graceful part, so slow-stop is reached only once the budget is spent:
            // from then on no user code runs, its postStop included (as OTP's brutal_kill skips terminate)
            assertThat(interruptedHandlers.get()).as("the blocked handler was interrupted; slow-stop's postStop never ran")
                    .isEqualTo(1);
            assertThat(report.actorsStoppedForcibly()).as("the blocker and slow-stop were stopped at once").isPositive();
            // the stubborn actor took "block" and is stuck in it: its 200 "work" messages are still queued
            assertThat(report.messagesAbandoned())
                    .as("messages left in the unresponsive actor's mailbox (200 queued, plus at most the one it is stuck on)")
                    .isBetween(200L, 201L);
            assertThat(processed.get() + deadAfterAccepted.get() + 200)
                    .as("every accepted 'work' message processed, dead-lettered, or left with the stubborn actor")
                    .isEqualTo(accepted);
        } finally {
            release.countDown();
        }
    }

    @Test
    void abandonedCount_doesNotIncludeMessagesTheStuckActorAlreadyHandled() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        AtomicLong handled = new AtomicLong();
        ActorSystem system = ActorSystem.create("shutdown-abandoned", SystemConfig.defaults().withDeadLetterLogLimit(0));
        try {
            // the factory waits, so that everything below is already queued when the first turn starts: the
            // turn then handles 5 messages and gets stuck on the sixth, all in one turn
            Addr<String> stubborn = system.spawn("stubborn", ctx -> {
                start.await();
                return msg -> {
                    if (msg.equals("block")) {
                        stuck.countDown();
                        blockIgnoringInterrupts(release);
                    }
                    handled.incrementAndGet();
                };
            }, SpawnOptions.defaults().withDispatcher(Dispatcher.BLOCKING));
            for (int i = 0; i < 5; i++) {
                assertThat(stubborn.trySend("work")).isEqualTo(SendResult.ACCEPTED);
            }
            assertThat(stubborn.trySend("block")).isEqualTo(SendResult.ACCEPTED);
            for (int i = 0; i < 4; i++) {
                assertThat(stubborn.trySend("work")).isEqualTo(SendResult.ACCEPTED);
            }
            start.countDown();
            assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(handled.get()).isEqualTo(5);

            ShutdownReport report = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> system.shutdown(Duration.ofMillis(500)), "shutdown did not return (hang guard)");

            assertThat(report.unresponsive()).containsExactly(stubborn.path());
            assertThat(report.messagesAbandoned())
                    .as("10 accepted, 5 handled: 4 left in the mailbox, plus the one the handler is stuck on")
                    .isBetween(4L, 5L);
        } finally {
            release.countDown();
        }
    }

    @Test
    void afterShutdownReturns_noActorAcceptsMessages_evenAnUnresponsiveOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        ActorSystem system = ActorSystem.create("shutdown-after", SystemConfig.defaults().withDeadLetterLogLimit(0));
        try {
            Addr<String> stubborn = system.spawn("stubborn", ctx -> msg -> {
                stuck.countDown();
                blockIgnoringInterrupts(release);
            }, SpawnOptions.defaults().withDispatcher(Dispatcher.BLOCKING));
            Addr<String> fine = system.spawn("fine", ctx -> msg -> { });
            stubborn.tell("block");
            assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();

            ShutdownReport report = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> system.shutdown(Duration.ofMillis(500)), "shutdown did not return (hang guard)");
            assertThat(report.unresponsive()).containsExactly(stubborn.path());

            assertThat(fine.trySend("late")).isEqualTo(SendResult.STOPPED);
            // nobody will ever handle a message now: the pools are shut down. Accepting one loses it silently.
            assertThat(stubborn.trySend("late"))
                    .as("a message sent to an unresponsive actor after shutdown returned is refused, not silently lost")
                    .isEqualTo(SendResult.STOPPED);
        } finally {
            release.countDown();
        }
    }

    /** A {@link Worker} that also counts what it handled, to know when the load has built up. */
    static final class CountingWorker implements Actor<Object> {
        private final Worker worker;
        private final AtomicLong processed;

        CountingWorker(ActorContext<Object> ctx, Ledger ledger, AtomicLong whileShuttingDown, AtomicLong processed) {
            this.worker = new Worker(ctx, ledger, whileShuttingDown);
            this.processed = processed;
        }

        @Override
        public void receive(Object message) {
            processed.incrementAndGet();
            worker.receive(message);
        }
    }
}
