package dev.crema.actor;

import static dev.crema.actor.TestSupport.await;
import static dev.crema.actor.TestSupport.awaitUntil;
import static dev.crema.actor.TestSupport.block;
import static dev.crema.actor.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec point 10: graceful shutdown with a deadline, its report, close() and the JVM hook. */
class ShutdownTest {

    private ActorSystem system;
    private TestSupport.DeadLetterRecorder dead;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        system = TestSupport.newSystem("down");
        dead = new TestSupport.DeadLetterRecorder(system);
    }

    @AfterEach
    void stop() {
        system.shutdown(TestSupport.SHUTDOWN);
    }

    /** Waits on a latch ignoring interrupts, until it opens or the bound passes. */
    private static void blockIgnoringInterrupts(CountDownLatch gate) {
        long deadline = System.nanoTime() + TestSupport.WAIT.toNanos();
        while (gate.getCount() > 0 && System.nanoTime() < deadline) {
            try {
                gate.await(10, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                // an unresponsive handler
            }
        }
    }

    /** Waits on a latch; an interrupt ends the wait (a responsive blocking handler). */
    private static void blockUntilReleasedOrInterrupted(CountDownLatch gate) {
        try {
            gate.await(TestSupport.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // interrupted by the shutdown: give up the wait and return normally (flag cleared)
        }
    }

    @Test
    void shutdown_refusesNewSpawns_withAClearError() {
        system.shutdown(TestSupport.SHUTDOWN);
        assertThat(system.isShutdown()).isTrue();
        assertThatThrownBy(() -> system.spawn("late", ctx -> msg -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'down'")
                .hasMessageContaining("shut down")
                .hasMessageContaining("'late'");
        assertThatThrownBy(() -> system.spawnAnonymous(ctx -> msg -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shut down");
    }

    @Test
    void shutdown_refusesSpawnsFromInsideActors_too() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        Addr<String> a = system.spawn("parent", ctx -> msg -> {
            started.countDown();
            block(gate);
            try {
                ctx.spawn("child", c -> m -> { });
                refused.complete(null);
            } catch (Throwable t) {
                refused.complete(t);
            }
        }, TestSupport.BLOCKS);
        a.tell("go");
        await(started, "the actor to be busy");
        CompletableFuture<ShutdownReport> report = system.shutdownAsync(TestSupport.SHUTDOWN);
        awaitUntil("shutdown to begin", system::isShutdown);
        gate.countDown();
        assertThat(get(refused)).isInstanceOf(IllegalStateException.class);
        get(report);
    }

    @Test
    void shutdown_stopsChildrenFirst_topLevelActorsInReverseStartOrder() throws Exception {
        CountDownLatch built = new CountDownLatch(3); // factories run after spawn returns; wait for them
        for (String top : List.of("A", "B", "C")) {
            system.<String>spawn(top, ctx -> {
                for (String kid : List.of(top + "1", top + "2")) {
                    ctx.<String>spawn(kid, c -> new Actor<String>() {
                        @Override
                        public void receive(String msg) {
                        }

                        @Override
                        public void postStop() {
                            events.add(kid);
                        }
                    });
                }
                built.countDown();
                return new Actor<String>() {
                    @Override
                    public void receive(String msg) {
                    }

                    @Override
                    public void postStop() {
                        events.add(top);
                    }
                };
            });
        }
        await(built, "the three factories");
        ShutdownReport report = system.shutdown(TestSupport.SHUTDOWN);
        assertThat(events).containsExactly("C2", "C1", "C", "B2", "B1", "B", "A2", "A1", "A");
        assertThat(report.actorsStoppedGracefully()).isEqualTo(9);
        assertThat(report.actorsStoppedForcibly()).isZero();
        assertThat(report.withinDeadline()).isTrue();
        assertThat(report.unresponsive()).isEmpty();
    }

    @Test
    void shutdown_letsEachActorDrainTheMessagesAlreadyInItsMailbox() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger handledA = new AtomicInteger();
        AtomicInteger handledB = new AtomicInteger();
        Addr<String> a = system.spawn("a", ctx -> msg -> {
            if (msg.equals("block")) {
                started.countDown();
                block(gate);
            }
            handledA.incrementAndGet();
        }, TestSupport.BLOCKS);
        Addr<String> b = system.spawn("b", ctx -> msg -> handledB.incrementAndGet(), TestSupport.BLOCKS);
        a.tell("block");
        await(started, "a to block");
        for (int i = 0; i < 100; i++) {
            a.tell("a" + i);
        }
        CompletableFuture<ShutdownReport> async = system.shutdownAsync(TestSupport.SHUTDOWN);
        awaitUntil("shutdown to begin", system::isShutdown);
        gate.countDown();
        ShutdownReport report = get(async);
        assertThat(handledA.get()).isEqualTo(101);
        assertThat(dead.total()).isZero();
        assertThat(report.messagesDeadLettered()).isZero();
        assertThat(report.actorsStoppedGracefully()).isEqualTo(2);
        assertThat(report.actorsStoppedForcibly()).isZero();
        assertThat(report.withinDeadline()).isTrue();
        assertThat(get(system.whenShutdown())).isSameAs(report);
        assertThat(b.trySend("late")).isEqualTo(SendResult.STOPPED);
        assertThat(handledB.get()).isZero();
    }

    @Test
    void shutdownReport_countsAsDrainedOnlyMessagesHandledAfterShutdownBegan() throws Exception {
        CountDownLatch started1 = new CountDownLatch(1);
        CountDownLatch started2 = new CountDownLatch(1);
        CountDownLatch gate1 = new CountDownLatch(1);
        CountDownLatch gate2 = new CountDownLatch(1);
        Addr<String> a = system.spawn("a", ctx -> msg -> {
            if (msg.equals("block1")) {
                started1.countDown();
                block(gate1);
            } else if (msg.equals("block2")) {
                started2.countDown();
                block(gate2);
            }
        }, TestSupport.BLOCKS);
        a.tell("block1");
        await(started1, "the first block");
        for (int i = 1; i <= 4; i++) {
            a.tell("before" + i);
        }
        a.tell("block2");
        for (int i = 1; i <= 5; i++) {
            a.tell("after" + i);
        }
        gate1.countDown();
        await(started2, "the second block: block1 and before1..4 are handled");
        CompletableFuture<ShutdownReport> async = system.shutdownAsync(TestSupport.SHUTDOWN);
        awaitUntil("shutdown to begin", system::isShutdown);
        gate2.countDown();
        ShutdownReport report = get(async);
        // in the mailbox when shutdown began: after1..5; block2 was being handled (counted either way)
        assertThat(report.messagesDrained()).as(report.toString()).isBetween(5L, 6L);
    }

    @Test
    void shutdown_pastTheDeadline_stopsTheRestAtOnce_deadLettersTheirMessagesWithShutdown_andTheReportAddsUp()
            throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        Addr<String> slow = system.spawn("slow", ctx -> msg -> {
            if (msg.equals("block")) {
                started.countDown();
                blockUntilReleasedOrInterrupted(never);
            }
            handled.incrementAndGet();
        }, TestSupport.BLOCKS.withThroughput(1));
        slow.tell("block");
        await(started, "the actor to block");
        int queued = 200;
        for (int i = 0; i < queued; i++) {
            slow.tell("m" + i);
        }
        ShutdownReport report = system.shutdown(Duration.ofMillis(800));

        assertThat(report.actorsStoppedForcibly()).as(report.toString()).isEqualTo(1);
        assertThat(report.actorsStoppedGracefully()).isZero();
        assertThat(report.deadLetters().get(DeadLetterReason.SHUTDOWN)).isPositive();
        assertThat(dead.messages(DeadLetterReason.SHUTDOWN)).hasSize(report.deadLetters().get(DeadLetterReason.SHUTDOWN).intValue());
        assertThat(handled.get() + dead.total()).as("every message handled or dead-lettered").isEqualTo(queued + 1);
        assertThat(report.messagesDrained() + report.messagesDeadLettered()).isEqualTo(queued + 1);
        assertThat(report.unresponsive()).isEmpty();
        assertThat(report.messagesAbandoned()).isZero();
    }

    @Test
    void shutdown_pastTheDeadline_anActorWhoseHandlerThrowsWhenInterrupted_isCountedAsStoppedForcibly()
            throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Addr<String> slow = system.spawn("slow", ctx -> msg -> {
            if (msg.equals("block")) {
                started.countDown();
                never.await(); // an InterruptedException escapes the handler
            }
        }, TestSupport.BLOCKS.withThroughput(1));
        slow.tell("block");
        await(started, "the actor to block");
        for (int i = 0; i < 10; i++) {
            slow.tell("m" + i);
        }
        ShutdownReport report = system.shutdown(Duration.ofMillis(800));
        assertThat(report.unresponsive()).isEmpty();
        assertThat(report.actorsStoppedForcibly()).as(report.toString()).isEqualTo(1);
        assertThat(report.actorsStoppedGracefully()).as(report.toString()).isZero();
        assertThat(report.deadLetters().get(DeadLetterReason.SHUTDOWN)).isEqualTo(10);
    }

    @Test
    void shutdown_reportsAnActorThatIgnoresInterruptsAsUnresponsive_withTheMessagesLeftInItsMailbox()
            throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Addr<String> stuck = system.spawn("stuck", ctx -> msg -> {
            if (msg.equals("block")) {
                started.countDown();
                blockIgnoringInterrupts(gate);
            }
        }, TestSupport.BLOCKS);
        stuck.tell("block");
        await(started, "the actor to block");
        for (int i = 0; i < 5; i++) {
            stuck.tell("m" + i);
        }
        try {
            ShutdownReport report = system.shutdown(Duration.ofMillis(400));
            assertThat(report.withinDeadline()).isFalse();
            assertThat(report.unresponsive()).containsExactly(stuck.path());
            assertThat(report.messagesAbandoned()).as("messages left in the mailbox of %s", stuck)
                    .isEqualTo(5);
            assertThat(report.messagesDrained() + report.messagesDeadLettered() + report.messagesAbandoned())
                    .as("the report adds up: %s", report).isEqualTo(5);
        } finally {
            gate.countDown();
        }
    }

    @Test
    void shutdown_calledAgain_returnsTheFirstReport_andCloseIsIdempotent() {
        ShutdownReport first = system.shutdown(TestSupport.SHUTDOWN);
        assertThat(system.shutdown(Duration.ofMillis(1))).isSameAs(first);
        system.close();
        assertThat(system.whenShutdown()).isCompletedWithValue(first);
    }

    @Test
    void close_shutsDownGracefully_withTheConfiguredTimeout() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        ActorSystem closing = ActorSystem.create("closing",
                SystemConfig.defaults().withShutdownTimeout(Duration.ofSeconds(4)));
        try (closing) {
            Addr<String> a = closing.spawn("a", ctx -> msg -> handled.incrementAndGet());
            for (int i = 0; i < 50; i++) {
                a.tell("m" + i);
            }
        }
        assertThat(closing.isShutdown()).isTrue();
        ShutdownReport report = get(closing.whenShutdown());
        assertThat(report.withinDeadline()).isTrue();
        assertThat(handled.get()).isEqualTo(50);
        assertThat(closing.config().shutdownTimeout()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void shutdown_fromInsideAnActor_failsWithIllegalState_whileShutdownAsyncWorks() throws Exception {
        CompletableFuture<Throwable> sync = new CompletableFuture<>();
        CompletableFuture<CompletableFuture<ShutdownReport>> async = new CompletableFuture<>();
        Addr<String> a = system.spawn("inside", ctx -> msg -> {
            try {
                ctx.system().shutdown(Duration.ofSeconds(1));
                sync.complete(null);
            } catch (Throwable t) {
                sync.complete(t);
            }
            async.complete(ctx.system().shutdownAsync(TestSupport.SHUTDOWN));
        });
        a.tell("go");
        assertThat(get(sync)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shutdownAsync");
        ShutdownReport report = get(get(async));
        assertThat(report.withinDeadline()).isTrue();
    }

    @Test
    void shutdown_fromAnActorOnACustomDispatcher_failsWithIllegalState_too() throws Exception {
        // "@throws IllegalStateException if called from an actor of this system", whatever its dispatcher
        ExecutorService own = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Throwable> sync = new CompletableFuture<>();
            system.spawn("custom", ctx -> msg -> {
                try {
                    ctx.system().shutdown(Duration.ofMillis(500));
                    sync.complete(null);
                } catch (Throwable t) {
                    sync.complete(t);
                }
            }, SpawnOptions.defaults().withDispatcher(Dispatcher.of("own", own))).tell("go");
            assertThat(get(sync)).isInstanceOf(IllegalStateException.class);
        } finally {
            own.shutdownNow();
        }
    }

    @Test
    void shutdown_failsPendingAsks_insteadOfLeavingThemHanging() throws Exception {
        record Ping(Addr<String> replyTo) {
        }
        Addr<Ping> silent = system.spawn("silent", ctx -> p -> { });
        CompletableFuture<String> reply = silent.ask(Ping::new, Duration.ofMinutes(5));
        system.shutdown(TestSupport.SHUTDOWN);
        assertThat(reply).isCompletedExceptionally();
        assertThatThrownBy(reply::join).cause().isInstanceOf(AskRejectedException.class)
                .hasMessageContaining("the actor system shut down")
                .satisfies(e -> assertThat(((AskRejectedException) e).reason()).isEqualTo(DeadLetterReason.SHUTDOWN));
    }

    @Test
    void shutdown_leavesNoLiveActorsNoTimersAndNoNames() throws Exception {
        TestSupport.RuntimeProbe probe = new TestSupport.RuntimeProbe(system);
        CountDownLatch built = new CountDownLatch(5);
        for (int i = 0; i < 5; i++) {
            Addr<String> a = system.spawn("a" + i, ctx -> {
                ctx.timers().startPeriodic("tick", "tick", Duration.ofMillis(50));
                ctx.spawn("kid", c -> m -> { });
                built.countDown();
                return msg -> { };
            });
            system.registry().register(RegistryKey.of("name" + i, String.class), a);
        }
        await(built, "the factories");
        assertThat(probe.liveActors()).isEqualTo(11); // root + 5 + 5 kids
        assertThat(probe.pendingTimers()).isEqualTo(5);
        system.shutdown(TestSupport.SHUTDOWN);
        assertThat(probe.liveActors()).isZero();
        assertThat(probe.pendingTimers()).isZero();
        assertThat(probe.registrySize()).isZero();
    }

    @Test
    void shutdownHook_shutsTheSystemDownWhenTheJvmExits() throws Exception {
        Set<String> path = new LinkedHashSet<>();
        for (String prop : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(prop);
            if (value != null && !value.isBlank()) {
                path.addAll(List.of(value.split(File.pathSeparator)));
            }
        }
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-cp", String.join(File.pathSeparator, path),
                ShutdownHookMain.class.getName())
                .redirectErrorStream(true)
                .start();
        String output;
        try {
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child JVM exits").isTrue();
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | InterruptedException e) {
            child.destroyForcibly();
            throw e;
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        assertThat(output).as(output).contains("ready").contains("postStop hooked").doesNotContain("postStop unhooked");
    }
}
