package dev.crema.actor;

import static dev.crema.actor.TestSupport.await;
import static dev.crema.actor.TestSupport.awaitTerminated;
import static dev.crema.actor.TestSupport.awaitUntil;
import static dev.crema.actor.TestSupport.block;
import static dev.crema.actor.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spec point 8: keyed single and periodic timers, cancelled on stop and restart; a cancelled or replaced
 * timer's message is never delivered.
 *
 * <p>Several tests need to know that a tick is already <em>queued</em> when its timer is cancelled. They use
 * a mailbox of capacity 2: while the actor handles one message, one tick fits in and the next tick is
 * refused and dead-lettered as MAILBOX_FULL. Seeing that dead letter proves a tick is waiting in the
 * mailbox.
 */
class TimersTest {

    private static final Duration FAST = Duration.ofMillis(1);
    private static final Duration NEVER = Duration.ofHours(1);

    private ActorSystem system;
    private TestSupport.RuntimeProbe probe;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        system = TestSupport.newSystem("timers");
        probe = new TestSupport.RuntimeProbe(system);
    }

    @AfterEach
    void stop() {
        system.shutdown(TestSupport.SHUTDOWN);
    }

    /** Opens when a tick with this message is refused by the full mailbox: one such tick is then queued. */
    private CountDownLatch tickQueued(String message) {
        CountDownLatch latch = new CountDownLatch(1);
        system.deadLetters().subscribe(dl -> {
            if (dl.reason() == DeadLetterReason.MAILBOX_FULL && dl.message().equals(message)) {
                latch.countDown();
            }
        });
        return latch;
    }

    /**
     * An actor with a mailbox of 2 that records what it receives; on "setup" it starts a fast periodic
     * timer "k" sending "old", waits until a tick is queued, then applies {@code change} to its timers.
     */
    private Addr<String> withQueuedTick(BiConsumer<Timers<String>, List<Object>> change, List<Object> results,
                                        SpawnOptions options) {
        CountDownLatch queued = tickQueued("old");
        return system.spawn("timed", ctx -> msg -> {
            received.add(msg);
            if (msg.equals("setup")) {
                ctx.timers().startPeriodic("k", "old", FAST);
                block(queued);
                change.accept(ctx.timers(), results);
            }
        }, options.withMailbox(Mailbox.bounded(2)));
    }

    /** Sends a marker (waiting for room) and waits until it was handled: queued ticks came up before it. */
    private void marker(Addr<String> a) throws Exception {
        assertThat(a.send("marker", TestSupport.WAIT)).isEqualTo(SendResult.ACCEPTED);
        awaitUntil("the marker", () -> received.contains("marker"));
    }

    @Test
    void singleTimer_deliversItsMessage_andIsInactiveOnceItWasHandled() throws Exception {
        CompletableFuture<Boolean> activeWhenHandled = new CompletableFuture<>();
        CompletableFuture<Boolean> activeBefore = new CompletableFuture<>();
        system.<String>spawn("single", ctx -> {
            ctx.timers().startSingle("k", "tick", Duration.ofMillis(5));
            activeBefore.complete(ctx.timers().isActive("k"));
            return msg -> activeWhenHandled.complete(ctx.timers().isActive("k"));
        });
        assertThat(get(activeBefore)).isTrue();
        assertThat(get(activeWhenHandled)).isFalse();
        awaitUntil("no timer pending", () -> probe.pendingTimers() == 0);
    }

    @Test
    void periodicTimer_deliversRepeatedly_untilCancelled_andNothingAfterwards() throws Exception {
        AtomicInteger ticks = new AtomicInteger();
        CompletableFuture<Boolean> cancelResult = new CompletableFuture<>();
        Addr<String> a = system.spawn("periodic", ctx -> {
            ctx.timers().startPeriodic("k", "tick", Duration.ofMillis(2));
            return msg -> {
                received.add(msg);
                if (msg.equals("tick") && ticks.incrementAndGet() == 3) {
                    cancelResult.complete(ctx.timers().cancel("k"));
                    ctx.self().tell("after-cancel");
                }
            };
        });
        assertThat(get(cancelResult)).isTrue();
        awaitUntil("the message sent after cancelling", () -> received.contains("after-cancel"));
        marker(a);
        assertThat(ticks.get()).isEqualTo(3);
        assertThat(received.subList(received.indexOf("after-cancel"), received.size()))
                .containsExactly("after-cancel", "marker");
        awaitUntil("no timer pending", () -> probe.pendingTimers() == 0);
    }

    @Test
    void timersWithDifferentKeys_runIndependently() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        system.<String>spawn("keys", ctx -> {
            ctx.timers().startSingle("a", "A", Duration.ofMillis(3));
            ctx.timers().startSingle("b", "B", Duration.ofMillis(3));
            return msg -> {
                received.add(msg);
                both.countDown();
            };
        });
        await(both, "both timers");
        assertThat(received).containsExactlyInAnyOrder("A", "B");
    }

    @Test
    void replacingATimer_dropsTheOldTimersAlreadyQueuedTick() throws Exception {
        List<Object> results = Collections.synchronizedList(new ArrayList<>());
        Addr<String> a = withQueuedTick((timers, out) -> {
            timers.startPeriodic("k", "new", NEVER);
            out.add(timers.isActive("k"));
        }, results, SpawnOptions.defaults());
        a.tell("setup");
        awaitUntil("the replacement", () -> results.size() == 1);
        marker(a);
        assertThat(received).containsExactly("setup", "marker");
        assertThat(results).containsExactly(true);
    }

    @Test
    void cancellingATimer_dropsItsAlreadyQueuedTick() throws Exception {
        List<Object> results = Collections.synchronizedList(new ArrayList<>());
        Addr<String> a = withQueuedTick((timers, out) -> {
            out.add(timers.cancel("k"));
            out.add(timers.isActive("k"));
            out.add(timers.cancel("k"));
        }, results, SpawnOptions.defaults());
        a.tell("setup");
        awaitUntil("the cancel", () -> results.size() == 3);
        marker(a);
        assertThat(received).containsExactly("setup", "marker");
        assertThat(results).containsExactly(true, false, false);
        awaitUntil("no timer pending", () -> probe.pendingTimers() == 0);
    }

    @Test
    void cancelAll_dropsEveryQueuedTick() throws Exception {
        List<Object> results = Collections.synchronizedList(new ArrayList<>());
        Addr<String> a = withQueuedTick((timers, out) -> {
            timers.startSingle("other", "other", NEVER);
            timers.cancelAll();
            out.add(timers.isActive("k") || timers.isActive("other"));
        }, results, SpawnOptions.defaults());
        a.tell("setup");
        awaitUntil("cancelAll", () -> results.size() == 1);
        marker(a);
        assertThat(received).containsExactly("setup", "marker");
        assertThat(results).containsExactly(false);
        awaitUntil("no timer pending", () -> probe.pendingTimers() == 0);
    }

    @Test
    void tickFindingTheMailboxFull_isDeadLetteredWithReasonMailboxFull() throws Exception {
        TestSupport.DeadLetterRecorder dead = new TestSupport.DeadLetterRecorder(system);
        List<Object> results = Collections.synchronizedList(new ArrayList<>());
        Addr<String> a = withQueuedTick((timers, out) -> out.add(timers.cancel("k")), results,
                SpawnOptions.defaults());
        a.tell("setup");
        awaitUntil("the cancel", () -> results.size() == 1);
        assertThat(dead.matching(dl -> dl.message().equals("old"))).isNotEmpty()
                .allSatisfy(dl -> {
                    assertThat(dl.reason()).isEqualTo(DeadLetterReason.MAILBOX_FULL);
                    assertThat(dl.recipient()).isEqualTo(a.path());
                });
    }

    @Test
    void timers_areCancelledWhenTheActorStops() throws Exception {
        CountDownLatch ticking = new CountDownLatch(3);
        Addr<String> a = system.spawn("stopper", ctx -> {
            ctx.timers().startPeriodic("p", "tick", Duration.ofMillis(2));
            ctx.timers().startSingle("s", "single", NEVER);
            return msg -> ticking.countDown();
        });
        await(ticking, "a few ticks");
        system.stop(a);
        awaitTerminated(system, a);
        awaitUntil("no timer pending", () -> probe.pendingTimers() == 0);
    }

    @Test
    void actorsStoppedFromOutside_whileTheirTimersFire_leaveNoTickInDeadLetters() throws Exception {
        // a stop closes the mailbox at once and cancels the timers in the actor's next turn; a tick firing in
        // between was dead-lettered STOPPED (the live coffee shop's street, stopped from outside, showed it)
        TestSupport.DeadLetterRecorder dead = new TestSupport.DeadLetterRecorder(system);
        int actors = 200;
        CountDownLatch ticking = new CountDownLatch(actors);
        List<Addr<String>> addrs = new ArrayList<>();
        for (int i = 0; i < actors; i++) {
            addrs.add(system.spawn("ticker-" + i, ctx -> {
                ctx.timers().startPeriodic("p", "tick", FAST);
                boolean[] first = {true};
                return msg -> {
                    if (first[0]) {
                        first[0] = false;
                        ticking.countDown();
                    }
                };
            }));
        }
        await(ticking, "every actor ticking");
        addrs.forEach(system::stop);
        for (Addr<String> a : addrs) {
            awaitTerminated(system, a);
        }
        awaitUntil("no timer pending", () -> probe.pendingTimers() == 0);
        assertThat(dead.matching(dl -> "tick".equals(dl.message()))).isEmpty();
    }

    @Test
    void timers_areCancelledOnRestart_andTheNewInstanceNeverGetsTheOldTicks() throws Exception {
        AtomicInteger instances = new AtomicInteger();
        CompletableFuture<Boolean> activeAfterRestart = new CompletableFuture<>();
        CountDownLatch queued = tickQueued("old");
        Addr<String> a = system.spawn("restarter", ctx -> {
            int n = instances.incrementAndGet();
            return new Actor<String>() {
                @Override
                public void receive(String msg) {
                    received.add(n + ":" + msg);
                    if (msg.equals("setup")) {
                        ctx.timers().startPeriodic("k", "old", FAST);
                        ctx.timers().startSingle("s", "old-single", NEVER);
                        block(queued);
                        throw new IllegalStateException("restart me");
                    }
                    if (msg.equals("marker")) {
                        received.add("marker");
                    }
                }

                @Override
                public void postRestart(Throwable cause) {
                    activeAfterRestart.complete(ctx.timers().isActive("k") || ctx.timers().isActive("s"));
                }
            };
        }, SpawnOptions.defaults().withMailbox(Mailbox.bounded(2)).withDecider(Decider.restart()));
        a.tell("setup");
        assertThat(get(activeAfterRestart)).isFalse();
        marker(a);
        assertThat(received).containsExactly("1:setup", "2:marker", "marker");
        awaitUntil("no timer pending", () -> probe.pendingTimers() == 0);
    }

    @Test
    void timers_usedFromAnotherThread_failWithIllegalState() throws Exception {
        CompletableFuture<Timers<String>> leaked = new CompletableFuture<>();
        system.<String>spawn("leaky", ctx -> {
            leaked.complete(ctx.timers());
            return msg -> { };
        });
        Timers<String> timers = get(leaked);
        assertThatThrownBy(() -> timers.startSingle("k", "x", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("crema://timers/user/leaky");
    }
}
