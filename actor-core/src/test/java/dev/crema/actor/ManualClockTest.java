package dev.crema.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crema.actor.supervision.Backoff;
import dev.crema.actor.supervision.ChildSpec;
import dev.crema.actor.supervision.ChildStatus;
import dev.crema.actor.supervision.Supervisor;
import dev.crema.actor.supervision.SupervisorSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The time seam: with a {@link ManualClock}, timers, ask and send timeouts, registry waits, backoff and
 * restart windows all wait for {@link ManualClock#advance}, fire in deadline order, and never for real time.
 */
class ManualClockTest {

    private final ManualClock clock = ManualClock.create();
    private final ActorSystem system = ActorSystem.create("manual", SystemConfig.defaults().withManualClock(clock)
            .withShutdownTimeout(Duration.ofSeconds(5)));
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutdown() {
        system.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void timers_fireOnlyWhenTimeIsAdvanced_inDeadlineOrder_includingOnesStartedOnTheWay() {
        Addr<Object> a = system.spawn("timers", ctx -> m -> {
            if (m instanceof String s) {
                switch (s) {
                    case "go" -> {
                        ctx.timers().startSingle("b", "b@2s", Duration.ofSeconds(2));
                        ctx.timers().startSingle("a", "a@1s", Duration.ofSeconds(1));
                        ctx.timers().startPeriodic("p", "p", Duration.ofMillis(700));
                    }
                    case "a@1s" -> {
                        seen.add(s);
                        ctx.timers().startSingle("c", "c@1.5s", Duration.ofMillis(500)); // due before b
                    }
                    default -> seen.add(s);
                }
            }
        });
        a.tell("go");
        clock.advance(Duration.ZERO);
        assertThat(seen).as("nothing before time moves").isEmpty();
        clock.advance(Duration.ofMillis(999));
        assertThat(seen).containsExactly("p");
        clock.advance(Duration.ofSeconds(2));
        assertThat(seen).containsExactly("p", "a@1s", "p", "c@1.5s", "b@2s", "p", "p");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMillis(2999));
    }

    record Question(Addr<String> replyTo) {
    }

    @Test
    void askTimeout_waitsForManualTime() throws Exception {
        Addr<Question> silent = system.spawn("silent", ctx -> q -> { });
        CompletableFuture<String> answer = silent.ask(String.class, Question::new, Duration.ofSeconds(5));
        clock.advance(Duration.ofMillis(4_999));
        assertThat(answer).isNotDone();
        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> answer.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(AskTimeoutException.class);
    }

    @Test
    void backoffAndSendTimeout_waitForManualTime_andTheMailboxIsKeptMeanwhile() throws Exception {
        ChildSpec<String> fragile = ChildSpec.<String>worker("fragile", ctx -> m -> {
            if (m.equals("crash")) {
                throw new IllegalStateException("crash");
            }
            seen.add(m);
        }).withBackoff(Backoff.exponential(Duration.ofMinutes(1), Duration.ofMinutes(1)).withJitter(0))
                .withSpawnOptions(SpawnOptions.defaults().withMailbox(Mailbox.bounded(2)));
        Supervisor sup = Supervisor.start(system, "sup", SupervisorSpec.oneForOne().withChild(fragile));
        Addr<String> child = sup.child(fragile).orElseThrow();
        child.tell("crash");
        clock.advance(Duration.ZERO);
        assertThat(sup.child("fragile").orElseThrow().status()).isEqualTo(ChildStatus.RESTARTING);
        assertThat(child.trySend("one")).isEqualTo(SendResult.ACCEPTED);
        assertThat(child.trySend("two")).isEqualTo(SendResult.ACCEPTED);
        CompletableFuture<SendResult> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return child.send("three", Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // the sender may start waiting a little later than this thread moves on: move time a second at a time
        // (well short of the one-minute backoff) until it gives up
        for (int s = 0; s < 45 && !waiting.isDone(); s++) {
            clock.advance(Duration.ofSeconds(1));
            try {
                waiting.get(20, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillWaiting) {
                // not yet: another second
            }
        }
        assertThat(waiting.get(10, TimeUnit.SECONDS)).as("full for the whole (manual) timeout").isEqualTo(SendResult.FULL);
        assertThat(clock.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(seen).as("still waiting for its backoff").isEmpty();
        clock.advance(Duration.ofSeconds(60));
        assertThat(seen).containsExactly("one", "two");
        assertThat(sup.child("fragile").orElseThrow().restarts()).isEqualTo(1);
    }

    @Test
    void restartIntensityWindow_followsManualTime() throws Exception {
        CompletableFuture<Throwable> topLevel = new CompletableFuture<>();
        try (ActorSystem s = ActorSystem.create("window", SystemConfig.defaults().withManualClock(ManualClock.create())
                .withTopLevelFailureHandler((sys, actor, cause) -> topLevel.complete(cause)))) {
            ManualClock c = s.config().manualClock();
            ChildSpec<String> w = ChildSpec.worker("w", ctx -> m -> {
                throw new IllegalStateException(m);
            });
            Supervisor sup = Supervisor.start(s, "sup", SupervisorSpec.oneForOne()
                    .withIntensity(1, Duration.ofSeconds(5)).withChild(w));
            Addr<String> child = sup.child(w).orElseThrow();
            child.tell("first");
            c.advance(Duration.ofSeconds(6)); // the window has passed: the next crash is the first in it again
            child.tell("second");
            c.advance(Duration.ofSeconds(1));
            assertThat(topLevel).isNotDone();
            assertThat(sup.child("w").orElseThrow().restarts()).isEqualTo(2);
            child.tell("third"); // a second restart within 5 s of manual time: one too many
            c.advance(Duration.ZERO);
            assertThat(topLevel.get(10, TimeUnit.SECONDS)).hasMessageContaining("gave up: more than 1 restart");
        }
    }

    @Test
    void registryWait_timesOutOnManualTime() {
        RegistryKey<String> key = RegistryKey.of("late", String.class);
        CompletableFuture<Addr<String>> wait = system.registry().whenRegistered(key, Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        assertThat(wait).isNotDone();
        clock.advance(Duration.ofSeconds(1));
        assertThat(wait).isCompletedExceptionally();
    }

    @Test
    void aClockDrivesOneSystem_andTimeOnlyMovesForward() {
        assertThatThrownBy(() -> ActorSystem.create("second", SystemConfig.defaults().withManualClock(clock)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already drives actor system 'manual'");
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ManualClock.create(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void advance_failsWithAClearMessage_whenAHandlerNeverReturns() {
        ManualClock c = ManualClock.create(Duration.ofMillis(200));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (ActorSystem s = ActorSystem.create("stuck", SystemConfig.defaults().withManualClock(c)
                .withShutdownTimeout(Duration.ofSeconds(2)))) {
            s.spawn("stuck", ctx -> m -> release.await(), SpawnOptions.defaults().withDispatcher(Dispatcher.BLOCKING))
                    .tell("block");
            assertThatThrownBy(() -> c.advance(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("did not go quiet within PT0.2S");
        } finally {
            release.countDown();
        }
    }
}
