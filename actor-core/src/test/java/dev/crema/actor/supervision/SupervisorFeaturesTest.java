package dev.crema.actor.supervision;

import static dev.crema.actor.supervision.Probe.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.RegistryKey;
import dev.crema.actor.SystemConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What Crema adds to OTP's supervisor: stable addresses, backoff, hooks and timers across restarts. */
class SupervisorFeaturesTest {

    private final Probe probe = new Probe();
    private final AtomicLong clock = new AtomicLong();
    private final CompletableFuture<Throwable> topLevel = new CompletableFuture<>();
    private final ActorSystem system = ActorSystem.create("features", SystemConfig.defaults()
            .withTopLevelFailureHandler((sys, actor, cause) -> topLevel.complete(cause)));

    @AfterEach
    void shutdown() {
        system.shutdown(Duration.ofSeconds(5));
    }

    @SuppressWarnings("unchecked")
    private static <M> Addr<M> addr(Supervisor sup, String id) {
        return (Addr<M>) sup.child(id).orElseThrow().addr();
    }

    @Test
    void intensity_givesUpExactlyAtIntensityPlusOne() throws Exception {
        int intensity = 4;
        Supervisor sup = Supervisor.start(system, "sup", SupervisorSpec.oneForOne().withTicker(clock::get)
                .withIntensity(intensity, Duration.ofSeconds(5)).withChild(probe.worker("w")));
        Addr<Probe.Cmd> w = addr(sup, "w");

        for (int i = 1; i <= intensity; i++) {
            w.tell(new Probe.Crash("crash " + i));
            int expected = i;
            awaitUntil("restart " + i, () -> sup.child("w").map(c -> c.restarts() == expected
                    && c.status() == ChildStatus.RUNNING).orElse(false));
        }
        assertThat(topLevel).as("still within the intensity").isNotDone();

        w.tell(new Probe.Crash("one too many"));

        assertThat(topLevel.get(10, TimeUnit.SECONDS)).isInstanceOf(RestartIntensityExceededException.class);
        assertThat(probe.instances("w")).isEqualTo(intensity + 1);
    }

    @Test
    void backoff_keepsEveryMessageSentDuringTheDelay() throws Exception {
        Supervisor sup = Supervisor.start(system, "sup", SupervisorSpec.oneForOne()
                .withIntensity(10, Duration.ofSeconds(5))
                .withChild(probe.worker("w").withBackoff(Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(1)))));
        Addr<Probe.Cmd> w = addr(sup, "w");

        w.tell(new Probe.Crash("burnt milk"));
        awaitUntil("waiting out the backoff", () -> sup.child("w").orElseThrow().status() == ChildStatus.RESTARTING);
        for (int i = 0; i < 50; i++) {
            assertThat(w.trySend(new Probe.Work(i)).isAccepted()).isTrue();
        }

        awaitUntil("the new instance handled all 50", () -> probe.handled("w") == 50);
        assertThat(probe.instances("w")).isEqualTo(2);
        assertThat(system.deadLetters().total()).as("only the failing message is dead-lettered")
                .isEqualTo(system.deadLetters().count(DeadLetterReason.FAILED)).isEqualTo(1);
    }

    @Test
    void backoff_delayGrowsExponentiallyToTheCapWithJitter() {
        Backoff b = Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1)).withJitter(0.5);

        assertThat(b.delay(1, 0)).isEqualTo(Duration.ofMillis(100));
        assertThat(b.delay(2, 0)).isEqualTo(Duration.ofMillis(200));
        assertThat(b.delay(4, 0)).isEqualTo(Duration.ofMillis(800));
        assertThat(b.delay(5, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(500, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(1, 0.999)).isBetween(Duration.ofMillis(149), Duration.ofMillis(150));
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("less than the minimum");
    }

    @Test
    void addrAndRegistryName_surviveRestarts() {
        RegistryKey<Probe.Cmd> key = RegistryKey.of("the-worker", Probe.Cmd.class);
        Supervisor sup = Supervisor.start(system, "sup", SupervisorSpec.oneForOne()
                .withIntensity(10, Duration.ofSeconds(5)).withChild(probe.worker("w").withRegistryKey(key)));
        Addr<Probe.Cmd> before = system.registry().lookup(key).orElseThrow();
        assertThat(before).isSameAs(addr(sup, "w"));

        for (int i = 0; i < 3; i++) {
            before.tell(new Probe.Crash("crash " + i));
        }
        awaitUntil("three restarts", () -> sup.child("w").orElseThrow().restarts() == 3
                && sup.child("w").orElseThrow().status() == ChildStatus.RUNNING);

        assertThat(system.registry().lookup(key)).containsSame(before);
        assertThat(addr(sup, "w")).isSameAs(before).isEqualTo(before);
        assertThat(before.toString()).isEqualTo("crema://features/user/sup/w");
    }

    @Test
    void watchers_seeNoTerminationOnRestart_onlyOnTheRealStop() throws Exception {
        Supervisor sup = Supervisor.start(system, "sup", SupervisorSpec.oneForOne()
                .withIntensity(10, Duration.ofSeconds(5)).withChild(probe.worker("w")));
        Addr<Probe.Cmd> w = addr(sup, "w");
        var terminated = system.whenTerminated(w);

        w.tell(new Probe.Crash("boom"));
        awaitUntil("restarted", () -> sup.child("w").orElseThrow().restarts() == 1
                && sup.child("w").orElseThrow().status() == ChildStatus.RUNNING);
        assertThat(terminated).isNotDone();

        sup.terminateChild("w").get(10, TimeUnit.SECONDS);
        assertThat(terminated.get(10, TimeUnit.SECONDS).actor()).isSameAs(w);
    }

    /** Records hooks with the instance number; starts a timer the next instance must never see. */
    static final class Hooked implements Actor<String> {
        static final ConcurrentLinkedQueue<String> LOG = new ConcurrentLinkedQueue<>();
        static final AtomicInteger INSTANCES = new AtomicInteger();
        private final int n = INSTANCES.incrementAndGet();
        private final ActorContext<String> ctx;

        Hooked(ActorContext<String> ctx) {
            this.ctx = ctx;
        }

        @Override
        public void preStart() {
            LOG.add(n + ":preStart");
            ctx.timers().startSingle("old", "timer-of-" + n, Duration.ofMillis(100));
        }

        @Override
        public void preRestart(Throwable cause, Object failedMessage) {
            LOG.add(n + ":preRestart:" + cause.getMessage() + ":" + failedMessage);
        }

        @Override
        public void postRestart(Throwable cause) {
            LOG.add(n + ":postRestart:" + cause.getMessage());
            ctx.timers().startSingle("new", "later-of-" + n, Duration.ofMillis(300));
        }

        @Override
        public void postStop() {
            LOG.add(n + ":postStop");
        }

        @Override
        public void receive(String message) {
            LOG.add(n + ":got:" + message);
            if (message.equals("fail")) {
                throw new IllegalStateException("scalded");
            }
        }
    }

    @Test
    void restart_runsHooksInOrder_andCancelsTheOldInstancesTimers() throws Exception {
        Hooked.LOG.clear();
        Hooked.INSTANCES.set(0);
        ChildSpec<String> spec = ChildSpec.worker("hooked", Hooked::new);
        Supervisor sup = Supervisor.start(system, "sup", SupervisorSpec.oneForOne()
                .withIntensity(10, Duration.ofSeconds(5)).withChild(spec));

        sup.child(spec).orElseThrow().tell("fail"); // before instance 1's 100 ms timer fires

        awaitUntil("instance 2's own timer fired", () -> Hooked.LOG.contains("2:got:later-of-2"));
        assertThat(Hooked.LOG).containsExactly(
                "1:preStart", "1:got:fail", "1:preRestart:scalded:fail", "2:postRestart:scalded", "2:got:later-of-2");
    }

    @Test
    void crashStorm_threeLevels_restartCountsAreExact() throws Exception {
        int mids = 3;
        int workersPerMid = 4;
        int crashesPerWorker = 150; // 1800 injected failures in all
        SupervisorSpec top = SupervisorSpec.oneForOne().withIntensity(Integer.MAX_VALUE, Duration.ofSeconds(1));
        for (int m = 0; m < mids; m++) {
            SupervisorSpec mid = SupervisorSpec.oneForOne().withIntensity(Integer.MAX_VALUE, Duration.ofSeconds(1));
            for (int w = 0; w < workersPerMid; w++) {
                mid = mid.withChild(probe.worker("w" + m + "-" + w));
            }
            top = top.withChild(ChildSpec.supervisor("mid" + m, mid));
        }
        Supervisor root = Supervisor.start(system, "storm", top);
        List<Supervisor> midSups = root.children().stream()
                .map(c -> root.childSupervisor(c.id()).orElseThrow()).toList();
        CountDownLatch pongs = new CountDownLatch(mids * workersPerMid * crashesPerWorker);
        Addr<String> pongCounter = system.spawn("pongs", ctx -> s -> pongs.countDown());

        Thread[] injectors = new Thread[mids];
        for (int m = 0; m < mids; m++) {
            Supervisor mid = midSups.get(m);
            injectors[m] = new Thread(() -> {
                for (int i = 0; i < crashesPerWorker; i++) {
                    for (ChildInfo c : mid.children()) {
                        @SuppressWarnings("unchecked")
                        Addr<Probe.Cmd> a = (Addr<Probe.Cmd>) c.addr();
                        a.tell(new Probe.Crash("storm " + i));
                        a.tell(new Probe.Ping(pongCounter));
                    }
                }
            });
            injectors[m].start();
        }
        for (Thread t : injectors) {
            t.join();
        }

        assertThat(pongs.await(30, TimeUnit.SECONDS)).as("every ping between the crashes was answered").isTrue();
        int expected = mids * workersPerMid * crashesPerWorker;
        awaitUntil("all restarts counted", Duration.ofSeconds(30), () -> midSups.stream()
                .flatMap(s -> s.children().stream()).mapToInt(ChildInfo::restarts).sum() == expected);
        for (Supervisor mid : midSups) {
            assertThat(mid.children()).allSatisfy(c -> assertThat(c.restarts()).isEqualTo(crashesPerWorker));
        }
        assertThat(root.children()).allSatisfy(c -> assertThat(c.restarts()).as("no escalation").isZero());
        assertThat(system.deadLetters().count(DeadLetterReason.FAILED)).isEqualTo(expected);
        assertThat(system.deadLetters().total()).as("nothing but the failing messages is lost").isEqualTo(expected);
        assertThat(topLevel).isNotDone();
    }
}
