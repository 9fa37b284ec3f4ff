package dev.crema.actor.supervision;

import static dev.crema.actor.supervision.Probe.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.SystemConfig;
import dev.crema.actor.Terminated;
import dev.crema.actor.TopLevelFailureHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cases of Erlang/OTP's {@code supervisor_SUITE} that apply to Crema, by name. Where the clock
 * matters the supervisor gets a {@link Ticker} the test drives; no test asserts on elapsed time.
 */
class SupervisorOtpSuiteTest {

    private final Probe probe = new Probe();
    private final AtomicLong clock = new AtomicLong();
    private final CompletableFuture<Throwable> topLevel = new CompletableFuture<>();
    private final ActorSystem system = ActorSystem.create("otp", SystemConfig.defaults()
            .withTopLevelFailureHandler((sys, actor, cause) -> topLevel.complete(cause)));

    @AfterEach
    void shutdown() {
        system.shutdown(Duration.ofSeconds(5));
    }

    private SupervisorSpec oneForOne() {
        return SupervisorSpec.oneForOne().withTicker(clock::get).withIntensity(3, Duration.ofSeconds(5));
    }

    private static Addr<Probe.Cmd> addr(Supervisor sup, String id) {
        return sup.child(id).map(c -> {
            @SuppressWarnings("unchecked")
            Addr<Probe.Cmd> a = (Addr<Probe.Cmd>) c.addr();
            return a;
        }).orElseThrow();
    }

    private static ChildInfo info(Supervisor sup, String id) {
        return sup.child(id).orElseThrow();
    }

    private void awaitRunning(Supervisor sup, String id, int restarts) {
        awaitUntil(id + " running after " + restarts + " restarts",
                () -> sup.child(id).map(c -> c.status() == ChildStatus.RUNNING && c.restarts() == restarts).orElse(false));
    }

    // ---------------------------------------------------------------- start and stop

    @Test
    void sup_start_normal() {
        Supervisor sup = Supervisor.start(system, "sup", oneForOne()
                .withChild(probe.worker("a")).withChild(probe.worker("b")).withChild(probe.worker("c")));

        assertThat(sup.children()).extracting(ChildInfo::id).containsExactly("a", "b", "c");
        assertThat(sup.children()).extracting(ChildInfo::status).containsOnly(ChildStatus.RUNNING);
        assertThat(probe.eventsMatching(e -> e.endsWith(":start"))).containsExactly("a:start", "b:start", "c:start");
    }

    @Test
    void sup_start_fail() {
        probe.failBuilds.put("b", new java.util.concurrent.atomic.AtomicInteger(1));

        assertThatThrownBy(() -> Supervisor.start(system, "sup", oneForOne()
                .withChild(probe.worker("a")).withChild(probe.worker("b")).withChild(probe.worker("c"))))
                .isInstanceOf(SupervisorStartException.class)
                .hasMessageContaining("could not start child 'b'")
                .hasRootCauseMessage("b cannot start");
        awaitUntil("a stopped", () -> probe.log.contains("a:postStop"));
        assertThat(probe.instances("c")).as("c is never started").isZero();
    }

    @Test
    void sup_stop_timeout() throws Exception {
        Supervisor sup = Supervisor.start(system, "sup", oneForOne()
                .withChild(probe.worker("stubborn").withStopPolicy(StopPolicy.after(Duration.ofMillis(50)))));
        CountDownLatch never = new CountDownLatch(1);
        addr(sup, "stubborn").tell(new Probe.Block(never)); // ignores the graceful stop: its handler never returns

        sup.terminateChild("stubborn").get(10, TimeUnit.SECONDS);

        assertThat(info(sup, "stubborn").status()).isEqualTo(ChildStatus.STOPPED);
        assertThat(probe.log).contains("stubborn:postStop");
        assertThat(system.deadLetters().count(dev.crema.actor.DeadLetterReason.FAILED))
                .as("the interrupted message is dead-lettered with its cause").isEqualTo(1);
    }

    @Test
    void sup_stop_race() throws Exception {
        Supervisor sup = Supervisor.start(system, "sup", oneForOne().withIntensity(1_000_000, Duration.ofSeconds(1))
                .withChild(probe.worker("a")).withChild(probe.worker("b")));
        for (int i = 0; i < 200; i++) {
            addr(sup, "a").tell(new Probe.Crash("race " + i));
            addr(sup, "b").tell(new Probe.Crash("race " + i));
        }
        sup.stop();

        Terminated t = sup.whenTerminated().get(10, TimeUnit.SECONDS);
        assertThat(t.isFailure()).isFalse();
        assertThat(probe.log).contains("a:postStop", "b:postStop");
    }

    @Test
    void order_of_children() throws Exception {
        Supervisor sup = Supervisor.start(system, "sup", oneForOne()
                .withChild(probe.worker("a")).withChild(probe.worker("b")).withChild(probe.worker("c")));
        sup.stop();
        sup.whenTerminated().get(10, TimeUnit.SECONDS);

        assertThat(probe.log).containsExactly("a:start", "b:start", "c:start", "c:postStop", "b:postStop", "a:postStop");
    }

    // ---------------------------------------------------------------- restart types

    @Test
    void permanent_normal() {
        Supervisor sup = Supervisor.start(system, "sup", oneForOne().withChild(probe.worker("p")));
        Addr<Probe.Cmd> before = addr(sup, "p");

        before.tell(new Probe.Exit());

        awaitRunning(sup, "p", 1);
        assertThat(addr(sup, "p")).isSameAs(before);
        assertThat(probe.log).contains("p:preRestart:normal", "p:postRestart:normal");
    }

    @Test
    void transient_normal() {
        Supervisor sup = Supervisor.start(system, "sup", oneForOne()
                .withChild(probe.worker("t").withRestart(RestartType.TRANSIENT)));

        addr(sup, "t").tell(new Probe.Exit());

        awaitUntil("t stopped", () -> info(sup, "t").status() == ChildStatus.STOPPED);
        assertThat(info(sup, "t").restarts()).isZero();
        assertThat(info(sup, "t").addr()).isNull();
        assertThat(probe.instances("t")).isEqualTo(1);
    }

    @Test
    void permanent_abnormal() {
        Supervisor sup = Supervisor.start(system, "sup", oneForOne().withChild(probe.worker("p")));
        Addr<Probe.Cmd> before = addr(sup, "p");

        before.tell(new Probe.Crash("boom"));

        awaitRunning(sup, "p", 1);
        assertThat(addr(sup, "p")).isSameAs(before);
        assertThat(probe.instances("p")).isEqualTo(2);
    }

    @Test
    void transient_abnormal() {
        Supervisor sup = Supervisor.start(system, "sup", oneForOne()
                .withChild(probe.worker("t").withRestart(RestartType.TRANSIENT)));

        addr(sup, "t").tell(new Probe.Crash("boom"));

        awaitRunning(sup, "t", 1);
        assertThat(probe.instances("t")).isEqualTo(2);
    }

    @Test
    void temporary_abnormal() {
        Supervisor sup = Supervisor.start(system, "sup", oneForOne()
                .withChild(probe.worker("tmp").withRestart(RestartType.TEMPORARY)));

        addr(sup, "tmp").tell(new Probe.Crash("boom"));

        awaitUntil("tmp removed", () -> sup.child("tmp").isEmpty());
        assertThat(probe.instances("tmp")).isEqualTo(1);
    }

    @Test
    void temporary_bystander() {
        Supervisor sup = Supervisor.start(system, "sup", SupervisorSpec.oneForAll().withTicker(clock::get)
                .withIntensity(3, Duration.ofSeconds(5))
                .withChild(probe.worker("a"))
                .withChild(probe.worker("tmp").withRestart(RestartType.TEMPORARY)));

        addr(sup, "a").tell(new Probe.Crash("boom"));

        awaitRunning(sup, "a", 1);
        awaitUntil("tmp removed", () -> sup.child("tmp").isEmpty());
        assertThat(probe.instances("tmp")).as("a temporary bystander is not restarted").isEqualTo(1);
        assertThat(probe.log).contains("tmp:postStop");
    }

    // ---------------------------------------------------------------- intensity

    @Test
    void multiple_restarts() {
        Supervisor sup = Supervisor.start(system, "sup", SupervisorSpec.oneForOne().withTicker(clock::get)
                .withIntensity(1, Duration.ofSeconds(5)).withChild(probe.worker("p")));

        for (int i = 1; i <= 5; i++) {
            addr(sup, "p").tell(new Probe.Crash("crash " + i));
            awaitRunning(sup, "p", i);
            clock.addAndGet(Duration.ofSeconds(6).toNanos()); // the next restart falls outside the period
        }

        assertThat(info(sup, "p").restarts()).isEqualTo(5);
        assertThat(topLevel).isNotDone();
    }

    @Test
    void one_for_one_escalation() throws Exception {
        Supervisor sup = Supervisor.start(system, "sup", SupervisorSpec.oneForOne().withTicker(clock::get)
                .withIntensity(1, Duration.ofSeconds(5))
                .withChild(probe.worker("a")).withChild(probe.worker("b")));

        addr(sup, "a").tell(new Probe.Crash("first"));
        awaitRunning(sup, "a", 1);
        addr(sup, "a").tell(new Probe.Crash("second")); // intensity + 1 within the period

        Throwable cause = topLevel.get(10, TimeUnit.SECONDS);
        assertThat(cause).isInstanceOf(RestartIntensityExceededException.class).hasRootCauseMessage("second");
        assertThat(sup.whenTerminated().get(10, TimeUnit.SECONDS).isFailure()).isTrue();
        assertThat(probe.eventsMatching(e -> e.endsWith(":postStop")))
                .as("children stopped in reverse order before the supervisor failed").containsExactly("b:postStop", "a:postStop");
    }

    // ---------------------------------------------------------------- strategies

    @Test
    void one_for_one() {
        Supervisor sup = Supervisor.start(system, "sup", oneForOne()
                .withChild(probe.worker("a")).withChild(probe.worker("b")));

        addr(sup, "a").tell(new Probe.Crash("boom"));

        awaitRunning(sup, "a", 1);
        assertThat(info(sup, "b").restarts()).isZero();
        assertThat(probe.instances("b")).isEqualTo(1);
    }

    @Test
    void one_for_all() {
        Supervisor sup = Supervisor.start(system, "sup", SupervisorSpec.oneForAll().withTicker(clock::get)
                .withIntensity(3, Duration.ofSeconds(5))
                .withChild(probe.worker("a")).withChild(probe.worker("b")).withChild(probe.worker("c")));
        probe.log.clear();

        addr(sup, "b").tell(new Probe.Crash("boom"));

        awaitUntil("c rebuilt", () -> probe.log.contains("c:postRestart:boom"));
        assertThat(probe.log).containsExactly(
                "c:preRestart:boom", "b:preRestart:boom", "a:preRestart:boom",
                "a:postRestart:boom", "b:postRestart:boom", "c:postRestart:boom");
        awaitUntil("all running", () -> sup.children().stream().allMatch(c -> c.status() == ChildStatus.RUNNING));
        assertThat(info(sup, "b").restarts()).isEqualTo(1);
    }

    @Test
    void one_for_all_other_child_fails_restart() {
        Supervisor sup = Supervisor.start(system, "sup", SupervisorSpec.oneForAll().withTicker(clock::get)
                .withIntensity(3, Duration.ofSeconds(5))
                .withChild(probe.worker("a")).withChild(probe.worker("b")));
        probe.failBuilds.put("b", new java.util.concurrent.atomic.AtomicInteger(1)); // b's next build fails once

        addr(sup, "a").tell(new Probe.Crash("boom"));

        awaitUntil("both running again", () -> sup.children().stream().allMatch(c -> c.status() == ChildStatus.RUNNING)
                && probe.instances("b") == 3);
        assertThat(probe.log).contains("b:buildFailed");
        assertThat(info(sup, "a").restarts()).as("a group restart counts for every member it restarts").isEqualTo(2);
        assertThat(info(sup, "b").restarts()).as("the failed rebuild caused a second group restart").isEqualTo(2);
        assertThat(topLevel).isNotDone();
    }

    @Test
    void rest_for_one() {
        Supervisor sup = Supervisor.start(system, "sup", SupervisorSpec.restForOne().withTicker(clock::get)
                .withIntensity(3, Duration.ofSeconds(5))
                .withChild(probe.worker("a")).withChild(probe.worker("b")).withChild(probe.worker("c")));
        probe.log.clear();

        addr(sup, "b").tell(new Probe.Crash("boom"));

        awaitUntil("c rebuilt", () -> probe.log.contains("c:postRestart:boom"));
        assertThat(probe.log).containsExactly(
                "c:preRestart:boom", "b:preRestart:boom", "b:postRestart:boom", "c:postRestart:boom");
        assertThat(probe.instances("a")).isEqualTo(1);
    }

    @Test
    void tree() throws Exception {
        SupervisorSpec leaf = SupervisorSpec.oneForOne().withTicker(clock::get).withIntensity(0, Duration.ofSeconds(5))
                .withChild(probe.worker("w"));
        SupervisorSpec middle = SupervisorSpec.oneForOne().withTicker(clock::get).withIntensity(0, Duration.ofSeconds(5))
                .withChild(ChildSpec.supervisor("leaf", leaf));
        Supervisor top = Supervisor.start(system, "top", SupervisorSpec.oneForOne().withTicker(clock::get)
                .withIntensity(0, Duration.ofSeconds(5)).withChild(ChildSpec.supervisor("middle", middle)));
        Supervisor leafSup = top.childSupervisor("middle").flatMap(m -> m.childSupervisor("leaf")).orElseThrow();

        addr(leafSup, "w").tell(new Probe.Crash("deep"));

        Throwable cause = topLevel.get(10, TimeUnit.SECONDS);
        assertThat(cause).isInstanceOf(RestartIntensityExceededException.class).hasMessageContaining("/top ");
        assertThat(cause.getCause()).isInstanceOf(RestartIntensityExceededException.class).hasMessageContaining("/middle ");
        assertThat(cause.getCause().getCause()).isInstanceOf(RestartIntensityExceededException.class)
                .hasMessageContaining("/leaf ").hasRootCauseMessage("deep");
        top.whenTerminated().get(10, TimeUnit.SECONDS);
        assertThat(probe.log).contains("w:postStop");
    }

    @Test
    void hanging_restart_loop() throws Exception {
        probe.failRebuilds.put("h", true);
        Supervisor sup = Supervisor.start(system, "sup", SupervisorSpec.oneForOne().withTicker(clock::get)
                .withIntensity(Integer.MAX_VALUE, Duration.ofSeconds(5))
                .withChild(probe.worker("h").withBackoff(Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(2)))));
        addr(sup, "h").tell(new Probe.Crash("start the loop"));
        awaitUntil("restarting in a loop", () -> probe.instances("h") > 5);

        sup.stop();

        assertThat(sup.whenTerminated().get(10, TimeUnit.SECONDS).isFailure()).isFalse();
    }

    // ---------------------------------------------------------------- significant children

    @Test
    void significant_temporary_any() throws Exception {
        Supervisor sup = Supervisor.start(system, "sup", oneForOne().withAutoShutdown(AutoShutdown.ANY_SIGNIFICANT)
                .withChild(probe.worker("keeper"))
                .withChild(probe.worker("job").withRestart(RestartType.TEMPORARY).withSignificant(true)));

        addr(sup, "job").tell(new Probe.Exit());

        Terminated t = sup.whenTerminated().get(10, TimeUnit.SECONDS);
        assertThat(t.isFailure()).isFalse();
        assertThat(probe.log).contains("keeper:postStop");
    }

    @Test
    void significant_transient_abnormal_isRestartedNotFinished() {
        Supervisor sup = Supervisor.start(system, "sup", oneForOne().withAutoShutdown(AutoShutdown.ANY_SIGNIFICANT)
                .withChild(probe.worker("job").withRestart(RestartType.TRANSIENT).withSignificant(true)));

        addr(sup, "job").tell(new Probe.Crash("boom"));

        awaitRunning(sup, "job", 1);
        assertThat(sup.whenTerminated()).isNotDone();
    }

    @Test
    void significant_all_waitsForEverySignificantChild() throws Exception {
        Supervisor sup = Supervisor.start(system, "sup", oneForOne().withAutoShutdown(AutoShutdown.ALL_SIGNIFICANT)
                .withChild(probe.worker("one").withRestart(RestartType.TRANSIENT).withSignificant(true))
                .withChild(probe.worker("two").withRestart(RestartType.TRANSIENT).withSignificant(true)));

        addr(sup, "one").tell(new Probe.Exit());
        awaitUntil("one stopped", () -> info(sup, "one").status() == ChildStatus.STOPPED);
        assertThat(sup.whenTerminated()).isNotDone();

        addr(sup, "two").tell(new Probe.Exit());
        assertThat(sup.whenTerminated().get(10, TimeUnit.SECONDS).isFailure()).isFalse();
    }

    @Test
    void significant_terminatedOnRequest_doesNotShutDown() throws Exception {
        Supervisor sup = Supervisor.start(system, "sup", oneForOne().withAutoShutdown(AutoShutdown.ANY_SIGNIFICANT)
                .withChild(probe.worker("job").withRestart(RestartType.TRANSIENT).withSignificant(true)));

        sup.terminateChild("job").get(10, TimeUnit.SECONDS);

        assertThat(info(sup, "job").status()).isEqualTo(ChildStatus.STOPPED);
        assertThat(sup.whenTerminated()).isNotDone();
    }

    @Test
    void significant_permanent_isRefused() {
        assertThatThrownBy(() -> probe.worker("p").withSignificant(true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permanent child cannot be significant");
    }

    // ---------------------------------------------------------------- children added at run time

    @Test
    void dynamicChildren_startTerminateRestartDelete() throws Exception {
        Supervisor sup = Supervisor.start(system, "sup", oneForOne());

        Addr<Probe.Cmd> x = sup.startChild(probe.worker("x")).get(10, TimeUnit.SECONDS);
        assertThat(info(sup, "x").status()).isEqualTo(ChildStatus.RUNNING);
        assertThat(sup.startChild(probe.worker("x"))).failsWithin(10, TimeUnit.SECONDS)
                .withThrowableThat().withMessageContaining("already exists");

        sup.terminateChild("x").get(10, TimeUnit.SECONDS);
        assertThat(sup.deleteChild("nope")).failsWithin(10, TimeUnit.SECONDS)
                .withThrowableThat().withMessageContaining("no child 'nope'");
        Addr<?> again = sup.restartChild("x").get(10, TimeUnit.SECONDS);
        assertThat(again).isNotSameAs(x);
        assertThat(sup.deleteChild("x")).failsWithin(10, TimeUnit.SECONDS)
                .withThrowableThat().withMessageContaining("is running");
        sup.terminateChild("x").get(10, TimeUnit.SECONDS);
        sup.deleteChild("x").get(10, TimeUnit.SECONDS);
        assertThat(sup.children()).isEmpty();
    }

    @Test
    void dynamicChild_thatCannotStart_isNotAdded() {
        probe.failBuilds.put("bad", new java.util.concurrent.atomic.AtomicInteger(1));
        Supervisor sup = Supervisor.start(system, "sup", oneForOne());

        assertThat(sup.startChild(probe.worker("bad"))).failsWithin(10, TimeUnit.SECONDS)
                .withThrowableThat().havingRootCause().withMessage("bad cannot start");
        awaitUntil("bad forgotten", () -> sup.child("bad").isEmpty());
    }

    @Test
    void pool_startsMembersFromTheTemplate_eachRestartedOnItsOwn() throws Exception {
        Supervisor pool = Supervisor.start(system, "pool", SupervisorSpec.pool(probe.worker("w"))
                .withTicker(clock::get).withIntensity(3, Duration.ofSeconds(5)));

        Addr<?> w1 = pool.startChild().get(10, TimeUnit.SECONDS);
        pool.startChild().get(10, TimeUnit.SECONDS);
        assertThat(pool.children()).extracting(ChildInfo::id).containsExactly("w-1", "w-2");

        @SuppressWarnings("unchecked")
        Addr<Probe.Cmd> first = (Addr<Probe.Cmd>) w1;
        first.tell(new Probe.Crash("boom"));

        awaitRunning(pool, "w-1", 1);
        assertThat(info(pool, "w-2").restarts()).isZero();
        assertThat(pool.startChild(probe.worker("other"))).failsWithin(10, TimeUnit.SECONDS)
                .withThrowableThat().withMessageContaining("is a pool");
    }

    @Test
    void children_reportStatusAndRestartCounts() {
        Supervisor sup = Supervisor.start(system, "sup", oneForOne()
                .withChild(probe.worker("a")).withChild(ChildSpec.supervisor("nested", oneForOne())));

        List<ChildInfo> children = sup.children();

        assertThat(children).extracting(ChildInfo::id, ChildInfo::isSupervisor, ChildInfo::restartType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", false, RestartType.PERMANENT),
                        org.assertj.core.groups.Tuple.tuple("nested", true, RestartType.PERMANENT));
        assertThat(sup.childSupervisor("nested")).isPresent();
        assertThat(sup.childSupervisor("a")).isEmpty();
    }
}
