package dev.crema.actor.supervision;

import static dev.crema.actor.supervision.Probe.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.AskTimeoutException;
import dev.crema.actor.Dispatcher;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.SystemConfig;
import dev.crema.actor.Terminated;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression tests of issue 10, items 4 to 7 and 13: supervisor stops that did not stick or never came,
 * start futures that never completed, handles that could not be used at once, untyped commands.
 */
class SupervisorEdgesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Probe probe = new Probe();
    private final ActorSystem system = ActorSystem.create("sup-edges", SystemConfig.defaults());
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void shutdown() {
        never.countDown();
        system.shutdown(Duration.ofSeconds(5));
    }

    @SuppressWarnings("unchecked")
    private static <M> Addr<M> addr(Supervisor sup, String id) {
        return (Addr<M>) sup.child(id).orElseThrow().addr();
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Like Pekko's expectNoMessage: the condition must hold for the whole window, checked all along. */
    private static void assertStaysTrueFor(String what, Duration window, BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() - end < 0) {
            assertThat(condition.getAsBoolean()).as(what).isTrue();
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    @Test
    void terminateChild_duringItsBackoff_staysStopped_untilRestartChild() throws Exception {
        Supervisor sup = Supervisor.start(system, "sup", SupervisorSpec.oneForOne()
                .withChild(probe.worker("w").withBackoff(Backoff.exponential(Duration.ofMillis(300), Duration.ofMillis(300))
                        .withJitter(0))));
        Addr<Probe.Cmd> w = addr(sup, "w");
        w.tell(new Probe.Crash("boom"));
        awaitUntil("w waits for its backoff", () -> sup.child("w").orElseThrow().status() == ChildStatus.RESTARTING);
        get(sup.terminateChild("w"));
        assertThat(sup.child("w").orElseThrow().status()).isEqualTo(ChildStatus.STOPPED);
        // past the backoff (300 ms) the child must still be stopped, with no new instance built
        assertStaysTrueFor("w stays stopped after its backoff would have run out", Duration.ofMillis(600),
                () -> sup.child("w").orElseThrow().status() == ChildStatus.STOPPED && probe.instances("w") == 1);
        Addr<Probe.Cmd> again = get(sup.restartChild(probe.worker("w")));
        assertThat(sup.child("w").orElseThrow().status()).isEqualTo(ChildStatus.RUNNING);
        assertThat(again).isNotNull();
        assertThat(probe.instances("w")).isEqualTo(2);
    }

    @Test
    void groupRestart_withABystanderStuckInAHandler_forcesItWithinItsStopPolicy() throws Exception {
        for (SupervisorSpec group : new SupervisorSpec[] {SupervisorSpec.oneForAll(), SupervisorSpec.restForOne()}) {
            Probe p = new Probe();
            String name = "group-" + group.strategy();
            Supervisor sup = Supervisor.start(system, name, group.withIntensity(10, Duration.ofSeconds(5))
                    .withChild(p.worker("a"))
                    .withChild(p.worker("b").withStopPolicy(StopPolicy.after(Duration.ofMillis(200)))
                            .withSpawnOptions(SpawnOptions.defaults().withDispatcher(Dispatcher.BLOCKING))));
            Addr<Probe.Cmd> b = addr(sup, "b");
            b.tell(new Probe.Block(never)); // stuck until interrupted
            awaitUntil("b to be stuck", () -> p.events("b").contains("b:start"));
            addr(sup, "a").tell(new Probe.Crash("boom"));
            try {
                awaitUntil(group.strategy() + ": both children rebuilt despite the stuck bystander", WAIT,
                        () -> sup.children().stream().allMatch(c -> c.status() == ChildStatus.RUNNING && c.restarts() == 1));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + ": " + sup.children() + " " + p.log, e);
            }
            // and the supervisor serves commands again
            assertThat(get(sup.startChild(p.worker("c")))).isNotNull();
        }
    }

    @Test
    void startAsync_whenTheSystemShutsDownWhileAChildStarts_failsInsteadOfHangingForever() throws Exception {
        CountDownLatch building = new CountDownLatch(1);
        ChildSpec<Object> slowStart = ChildSpec.worker("slow", ctx -> {
            building.countDown();
            never.await(); // interrupted by the shutdown's forced part
            return m -> { };
        }).withSpawnOptions(SpawnOptions.defaults().withDispatcher(Dispatcher.BLOCKING));
        CompletableFuture<Supervisor> started = Supervisor.startAsync(system, "sup",
                SupervisorSpec.oneForOne().withChild(slowStart));
        assertThat(building.await(10, TimeUnit.SECONDS)).isTrue();
        system.shutdownAsync(Duration.ofMillis(400));
        assertThatThrownBy(() -> get(started)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("stopped before all its children");
    }

    @Test
    void supervisorStartedFromAnActor_hasAHandleUsableAtOnce() throws Exception {
        CompletableFuture<Object> seen = new CompletableFuture<>();
        system.spawn("parent", ctx -> {
            Supervisor child = Supervisor.start(ctx, "sup", SupervisorSpec.oneForOne().withChild(probe.worker("w")),
                    SpawnOptions.defaults());
            // before the supervisor has even run its factory: watch it, ask for its termination, read its path
            ctx.watch(child.addr(), t -> t);
            CompletableFuture<Terminated> end = child.whenTerminated();
            seen.complete(child.addr().path() + " " + end.isDone());
            return m -> { };
        });
        assertThat(get(seen)).isEqualTo("crema://sup-edges/user/parent/sup false");
    }

    @Test
    void typedCommands_giveTypedAddresses_andRefuseAForeignTemplate() throws Exception {
        ChildSpec<Probe.Cmd> template = probe.worker("member");
        Supervisor pool = Supervisor.start(system, "pool", SupervisorSpec.pool(template));
        Addr<Probe.Cmd> m1 = get(pool.startPoolChild(template));
        m1.tell(new Probe.Work(1));
        awaitUntil("the member handled its work", () -> probe.handled("member") == 1);
        assertThatThrownBy(() -> get(pool.startPoolChild(probe.worker("stranger"))))
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the template");
    }

    @Test
    void commandTimeout_isTheSpecs() throws Exception {
        Supervisor sup = Supervisor.start(system, "sup", SupervisorSpec.oneForOne()
                .withCommandTimeout(Duration.ofMillis(100))
                .withChild(probe.worker("slow").withStopPolicy(StopPolicy.after(Duration.ofSeconds(5)))
                        .withSpawnOptions(SpawnOptions.defaults().withDispatcher(Dispatcher.BLOCKING))));
        addr(sup, "slow").tell(new Probe.Block(never)); // takes its whole 5 s policy to stop
        awaitUntil("slow to block", () -> probe.events("slow").contains("slow:start"));
        assertThatThrownBy(() -> get(sup.terminateChild("slow"))).cause().isInstanceOf(AskTimeoutException.class)
                .hasMessageContaining("PT0.1S");
    }
}
