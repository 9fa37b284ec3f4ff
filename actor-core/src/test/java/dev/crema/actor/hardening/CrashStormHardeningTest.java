package dev.crema.actor.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.SendResult;
import dev.crema.actor.SystemConfig;
import dev.crema.actor.supervision.ChildInfo;
import dev.crema.actor.supervision.ChildSpec;
import dev.crema.actor.supervision.ChildStatus;
import dev.crema.actor.supervision.RestartIntensityExceededException;
import dev.crema.actor.supervision.Supervisor;
import dev.crema.actor.supervision.SupervisorSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue point 3, crash storms: thousands of injected failures (in handlers, in starts, in stop hooks)
 * across a three-level supervision tree while messages flow. Restart counts are exactly what the
 * strategies say; escalation happens exactly at intensity + 1 at every level; no message is lost except
 * the failing ones, which are dead-lettered with their cause.
 */
class CrashStormHardeningTest {

    /** Failures injected by this class, for the report. */
    static final AtomicLong FAILURES_INJECTED = new AtomicLong();

    private final CompletableFuture<Throwable> topLevel = new CompletableFuture<>();
    private final AtomicInteger topLevelCalls = new AtomicInteger();
    private final ActorSystem system = ActorSystem.create("storm", SystemConfig.defaults()
            .withDeadLetterLogLimit(0)
            .withTopLevelFailureHandler((sys, actor, cause) -> {
                topLevelCalls.incrementAndGet();
                topLevel.complete(cause);
            }));

    @AfterEach
    void shutdown() {
        system.shutdown(Duration.ofSeconds(10));
    }

    /**
     * A worker that records each message in the ledger, crashes on the marked ones, fails some of its
     * starts (every {@code failStartEvery}-th build throws) and some of its stop hooks.
     */
    static final class StormWorker implements Actor<Object> {
        private final Ledger ledger;
        private final Counters counters;

        StormWorker(Ledger ledger, Counters counters) {
            this.ledger = ledger;
            this.counters = counters;
        }

        @Override
        public void receive(Object message) {
            if (message instanceof Ledger.Msg m) {
                ledger.processed(m);
                if (m.crash()) {
                    FAILURES_INJECTED.incrementAndGet();
                    throw new IllegalStateException("injected crash " + m);
                }
            }
        }

        @Override
        public void preRestart(Throwable cause, Object failedMessage) {
            if (counters.preRestarts.incrementAndGet() % 3 == 0) {
                counters.hookFailures.incrementAndGet();
                FAILURES_INJECTED.incrementAndGet();
                throw new IllegalStateException("injected preRestart failure"); // logged; the restart goes on
            }
        }

        @Override
        public void postStop() {
            counters.hookFailures.incrementAndGet();
            FAILURES_INJECTED.incrementAndGet();
            throw new IllegalStateException("injected postStop failure"); // logged; the stop goes on
        }
    }

    static final class Counters {
        final AtomicInteger builds = new AtomicInteger();
        final AtomicInteger startFailures = new AtomicInteger();
        final AtomicInteger preRestarts = new AtomicInteger();
        final AtomicInteger hookFailures = new AtomicInteger();
    }

    private static ChildSpec<Object> stormWorker(String id, Ledger ledger, Counters c, int failStartEvery) {
        return ChildSpec.worker(id, ctx -> {
            int build = c.builds.incrementAndGet();
            if (failStartEvery > 0 && build > 1 && build % failStartEvery == 0) {
                c.startFailures.incrementAndGet();
                FAILURES_INJECTED.incrementAndGet();
                throw new IllegalStateException("injected start failure of " + id + " (build " + build + ")");
            }
            return new StormWorker(ledger, c);
        });
    }

    @SuppressWarnings("unchecked")
    private static Addr<Object> addr(Supervisor sup, String id) {
        return (Addr<Object>) sup.child(id).orElseThrow().addr();
    }

    // ---------------------------------------------------------------- one-for-one, concurrent

    @Test
    void oneForOneStorm_restartCountsExact_onlyTheFailingMessagesAreDeadLettered() throws Exception {
        int middles = 3;
        int perMiddle = 4;
        int workers = middles * perMiddle;
        int producers = 4;
        int crashEvery = 16; // 20 000 crashes, plus the failed starts and hooks
        long messages = Hardening.scaled(320_000L);
        Ledger ledger = new Ledger(workers, producers);
        Map<String, Counters> counters = new ConcurrentHashMap<>();
        List<String> otherDeadLetters = new ArrayList<>();
        Map<String, AtomicInteger> failedByRecipient = new ConcurrentHashMap<>();
        system.deadLetters().subscribe(dl -> {
            if (ledger.deadLetter(dl)) {
                if (dl.reason() == DeadLetterReason.FAILED) {
                    failedByRecipient.computeIfAbsent(dl.recipient(), k -> new AtomicInteger()).incrementAndGet();
                }
            } else {
                synchronized (otherDeadLetters) {
                    otherDeadLetters.add(String.valueOf(dl));
                }
            }
        });

        SupervisorSpec top = SupervisorSpec.oneForOne().withIntensity(1_000_000, Duration.ofSeconds(1));
        for (int m = 0; m < middles; m++) {
            SupervisorSpec middle = SupervisorSpec.oneForOne().withIntensity(1_000_000, Duration.ofSeconds(1));
            for (int w = 0; w < perMiddle; w++) {
                String id = "w" + m + "-" + w;
                Counters c = counters.computeIfAbsent(id, k -> new Counters());
                middle = middle.withChild(stormWorker(id, ledger, c, 5));
            }
            top = top.withChild(ChildSpec.supervisor("middle" + m, middle));
        }
        Supervisor sup = Supervisor.start(system, "top", top);
        List<Supervisor> middleSups = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Addr<Object>> targets = new ArrayList<>();
        for (int m = 0; m < middles; m++) {
            Supervisor ms = sup.childSupervisor("middle" + m).orElseThrow();
            middleSups.add(ms);
            for (int w = 0; w < perMiddle; w++) {
                ids.add("w" + m + "-" + w);
                targets.add(addr(ms, "w" + m + "-" + w)); // one-for-one restarts in place: stable
            }
        }

        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long perProducer = messages / producers;
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(new Thread(() -> {
                int[] seq = new int[workers];
                try {
                    for (long i = 0; i < perProducer; i++) {
                        int t = (int) (i % workers);
                        int s = seq[t]++;
                        Ledger.Msg msg = new Ledger.Msg(t, producer, s, s % crashEvery == crashEvery - 1);
                        ledger.sending(msg);
                        // send, not trySend: a producer waits for room instead of dropping the message, so the
                        // number of injected crashes does not depend on how loaded the machine is
                        SendResult r = targets.get(t).send(msg, Duration.ofSeconds(30));
                        if (r != SendResult.ACCEPTED) {
                            assertThat(r).as("a worker stopped during the storm").isEqualTo(SendResult.FULL);
                            ledger.refused(msg, r);
                        }
                    }
                } catch (Throwable e) {
                    producerFailure.compareAndSet(null, e);
                }
            }, "storm-producer-" + p));
        }
        threads.forEach(Thread::start);
        for (Thread th : threads) {
            th.join();
        }
        assertThat(producerFailure.get()).isNull();

        Hardening.awaitUntil("every message handled or dead-lettered", Duration.ofSeconds(60), () -> {
            Ledger.Audit a = ledger.audit();
            return a.processed + a.failedInHandler + a.deadLettered + a.refused == a.sent;
        });
        // every failure of a worker (a crash in a handler, or a failed start) is exactly one restart of it
        for (int i = 0; i < workers; i++) {
            String id = ids.get(i);
            Supervisor ms = middleSups.get(i / perMiddle);
            String path = targets.get(i).path();
            Counters c = counters.get(id);
            Hardening.awaitUntil(id + " running with restarts = crashes + failed starts", Duration.ofSeconds(30), () -> {
                ChildInfo info = ms.child(id).orElseThrow();
                int crashes = failedByRecipient.getOrDefault(path, new AtomicInteger()).get();
                return info.status() == ChildStatus.RUNNING && info.restarts() == crashes + c.startFailures.get();
            });
            assertThat(ms.child(id).orElseThrow().addr()).as("restarted in place").isSameAs(targets.get(i));
        }
        assertThat(sup.children()).extracting(ChildInfo::restarts).as("the middle supervisors never failed")
                .containsOnly(0);
        assertThat(topLevel).isNotDone();

        Ledger.Audit audit = ledger.audit();
        long startFailures = counters.values().stream().mapToLong(c -> c.startFailures.get()).sum();
        long hookFailures = counters.values().stream().mapToLong(c -> c.hookFailures.get()).sum();
        System.out.printf("one-for-one storm: %s; %d handler crashes, %d failed starts, %d failed restart and stop"
                + " hooks%n", audit, audit.failedInHandler, startFailures, hookFailures);
        assertThat(audit.failedInHandler + startFailures + hookFailures).as("failures injected in this storm")
                .isGreaterThanOrEqualTo(Hardening.scaled(10_000L));
        assertThat(audit.problems).isEmpty();
        assertThat(otherDeadLetters).as("only the failing messages are dead-lettered").isEmpty();
        assertThat(ledger.deadLetters(DeadLetterReason.FAILED)).isEqualTo(audit.failedInHandler);
        assertThat(audit.deadLettered).as("no message dead-lettered for another reason").isZero();
        // each of the workers x producers sequences rounds its share of crashes down by at most one
        assertThat(audit.failedInHandler).isGreaterThanOrEqualTo(messages / crashEvery - (audit.refused + (long) workers * producers));
    }

    // ---------------------------------------------------------------- one-for-all and rest-for-one, one failure at a time

    @Test
    void groupStrategies_everyFailureRebuildsExactlyTheStrategysChildren_andKeepsTheirMessages() throws Exception {
        int rounds = Hardening.scaled(1_000);
        Ledger ledger = new Ledger(6, 1);
        Map<String, Counters> counters = new ConcurrentHashMap<>();
        List<DeadLetter> unexpected = new ArrayList<>();
        system.deadLetters().subscribe(dl -> {
            if (!ledger.deadLetter(dl) || dl.reason() != DeadLetterReason.FAILED) {
                synchronized (unexpected) {
                    unexpected.add(dl);
                }
            }
        });
        String[] all = {"a", "b", "c"};
        String[] rest = {"d", "e", "f"};
        SupervisorSpec allSpec = SupervisorSpec.oneForAll().withIntensity(1_000_000, Duration.ofSeconds(1));
        for (String id : all) {
            allSpec = allSpec.withChild(stormWorker(id, ledger, counters.computeIfAbsent(id, k -> new Counters()), 0));
        }
        SupervisorSpec restSpec = SupervisorSpec.restForOne().withIntensity(1_000_000, Duration.ofSeconds(1));
        for (String id : rest) {
            restSpec = restSpec.withChild(stormWorker(id, ledger, counters.computeIfAbsent(id, k -> new Counters()), 0));
        }
        Supervisor top = Supervisor.start(system, "top", SupervisorSpec.oneForOne()
                .withIntensity(1_000_000, Duration.ofSeconds(1))
                .withChild(ChildSpec.supervisor("all", allSpec))
                .withChild(ChildSpec.supervisor("rest", restSpec)));
        Supervisor allSup = top.childSupervisor("all").orElseThrow();
        Supervisor restSup = top.childSupervisor("rest").orElseThrow();
        List<Addr<Object>> targets = new ArrayList<>();
        for (String id : all) {
            targets.add(addr(allSup, id));
        }
        for (String id : rest) {
            targets.add(addr(restSup, id));
        }

        // background load: plain messages to all six while the groups are torn down and rebuilt
        AtomicBoolean stop = new AtomicBoolean();
        int[] seq = new int[6];
        Object seqLock = new Object();
        AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                while (!stop.get()) {
                    for (int t = 0; t < 6; t++) {
                        Ledger.Msg m;
                        synchronized (seqLock) {
                            m = new Ledger.Msg(t, 0, seq[t]++, false);
                            ledger.sending(m);
                            SendResult r = targets.get(t).trySend(m);
                            if (r != SendResult.ACCEPTED) {
                                ledger.refused(m, r);
                            }
                        }
                    }
                }
            } catch (Throwable e) {
                producerFailure.compareAndSet(null, e);
            }
        }, "group-storm-producer");
        producer.start();
        Hardening.awaitUntil("the load is flowing", Duration.ofSeconds(10), () -> ledger.audit().processed > 10_000);

        Random random = new Random(42);
        int[] restarts = new int[6];
        try {
            for (int round = 0; round < rounds; round++) {
                int victim = random.nextInt(6);
                int[] before = new int[6];
                for (int t = 0; t < 6; t++) {
                    before[t] = counters.get(name(t)).builds.get();
                }
                synchronized (seqLock) { // the crash is one more message of the same sender, in order
                    Ledger.Msg crash = new Ledger.Msg(victim, 0, seq[victim]++, true);
                    ledger.sending(crash);
                    assertThat(targets.get(victim).send(crash, Duration.ofSeconds(10))).isEqualTo(SendResult.ACCEPTED);
                }
                boolean inAll = victim < 3;
                // a group restart counts for every child it rebuilds: all of "all", or the victim and those after it
                for (int t = inAll ? 0 : victim; t < (inAll ? 3 : 6); t++) {
                    restarts[t]++;
                }
                Supervisor group = inAll ? allSup : restSup;
                int r = round;
                Hardening.awaitUntil("round " + round + ": " + name(victim) + " restarted and its group rebuilt",
                        Duration.ofSeconds(30), () -> {
                            for (int t = inAll ? 0 : 3; t < (inAll ? 3 : 6); t++) {
                                ChildInfo info = group.child(name(t)).orElseThrow();
                                if (info.status() != ChildStatus.RUNNING || info.restarts() != restarts[t]) {
                                    return false;
                                }
                            }
                            return counters.get(name(victim)).builds.get() > before[victim];
                        });
                // exactly the strategy's set was rebuilt, once each
                for (int t = 0; t < 6; t++) {
                    boolean sameGroup = (t < 3) == inAll;
                    boolean rebuilt = sameGroup && (inAll || t >= victim);
                    int expected = before[t] + (rebuilt ? 1 : 0);
                    int tt = t;
                    if (rebuilt) {
                        Hardening.awaitUntil("round " + r + ": " + name(t) + " rebuilt", Duration.ofSeconds(30),
                                () -> counters.get(name(tt)).builds.get() >= expected);
                    }
                    assertThat(counters.get(name(t)).builds.get())
                            .as("round %d, %s failed: builds of %s", round, name(victim), name(t)).isEqualTo(expected);
                }
                assertThat(targets.get(victim)).isSameAs(group.child(name(victim)).orElseThrow().addr());
            }
        } finally {
            stop.set(true);
            producer.join();
        }
        assertThat(producerFailure.get()).isNull();
        Hardening.awaitUntil("every message handled or dead-lettered", Duration.ofSeconds(60), () -> {
            Ledger.Audit a = ledger.audit();
            return a.processed + a.failedInHandler + a.deadLettered + a.refused == a.sent;
        });
        Ledger.Audit audit = ledger.audit();
        System.out.printf("group storm: %d rounds; %s%n", rounds, audit);
        assertThat(audit.problems).isEmpty();
        assertThat(audit.failedInHandler).isEqualTo(rounds);
        assertThat(unexpected).as("only the failing messages are dead-lettered").isEmpty();
        assertThat(topLevel).isNotDone();
    }

    private static String name(int t) {
        return String.valueOf((char) ('a' + t));
    }

    // ---------------------------------------------------------------- escalation

    @Test
    void escalation_happensExactlyAtIntensityPlusOne_atEveryLevel() throws Exception {
        // leaf allows 3 restarts, middle 2, top 1, all within one period (the clock never moves):
        // the leaf gives up at every 4th worker failure; the middle at every 3rd leaf failure; the top at the
        // 2nd middle failure: the top-level handler is called at worker failure 4 x 3 x 2 = 24, not before.
        AtomicInteger workerBuilds = new AtomicInteger();
        ChildSpec<Object> worker = ChildSpec.worker("w", ctx -> {
            workerBuilds.incrementAndGet();
            return msg -> {
                FAILURES_INJECTED.incrementAndGet();
                throw new IllegalStateException("worker failure");
            };
        });
        SupervisorSpec leaf = SupervisorSpec.oneForOne().withTicker(() -> 0L).withIntensity(3, Duration.ofSeconds(5))
                .withChild(worker);
        SupervisorSpec middle = SupervisorSpec.oneForOne().withTicker(() -> 0L).withIntensity(2, Duration.ofSeconds(5))
                .withChild(ChildSpec.supervisor("leaf", leaf));
        Supervisor top = Supervisor.start(system, "top", SupervisorSpec.oneForOne().withTicker(() -> 0L)
                .withIntensity(1, Duration.ofSeconds(5)).withChild(ChildSpec.supervisor("middle", middle)));

        int expected = 4 * 3 * 2;
        for (int failure = 1; failure <= expected; failure++) {
            assertThat(topLevel).as("escalated to the top before failure %d", failure).isNotDone();
            int builds = failure; // one worker instance per failure so far
            // the snapshot may still show the previous (stopped) worker for a moment: retry until one takes it
            Hardening.awaitUntil("worker " + builds + " takes failure " + failure, Duration.ofSeconds(30), () -> {
                Addr<Object> w = currentWorker(top);
                return workerBuilds.get() == builds && w != null && w.trySend("fail") == SendResult.ACCEPTED;
            });
            if (failure < expected) {
                int after = failure + 1;
                Hardening.awaitUntil("worker rebuilt after failure " + failure, Duration.ofSeconds(30),
                        () -> workerBuilds.get() >= after);
            }
        }

        Throwable cause = topLevel.get(30, TimeUnit.SECONDS);
        assertThat(cause).isInstanceOf(RestartIntensityExceededException.class).hasMessageContaining("/top ");
        assertThat(cause.getCause()).isInstanceOf(RestartIntensityExceededException.class).hasMessageContaining("/middle ");
        assertThat(cause.getCause().getCause()).isInstanceOf(RestartIntensityExceededException.class)
                .hasMessageContaining("/leaf ");
        assertThat(cause.getCause().getCause().getCause()).hasMessage("worker failure");
        assertThat(top.whenTerminated().get(30, TimeUnit.SECONDS).isFailure()).isTrue();
        assertThat(workerBuilds.get()).as("no worker built after the last escalation").isEqualTo(expected);
        assertThat(topLevelCalls.get()).isEqualTo(1);
    }

    /** The worker as it is now (its address changes when the leaf or the middle supervisor was restarted). */
    @SuppressWarnings("unchecked")
    private static Addr<Object> currentWorker(Supervisor top) {
        try {
            return top.childSupervisor("middle")
                    .flatMap(m -> m.childSupervisor("leaf"))
                    .flatMap(l -> l.child("w"))
                    .filter(c -> c.status() == ChildStatus.RUNNING)
                    .map(c -> (Addr<Object>) c.addr())
                    .orElse(null);
        } catch (IllegalStateException notBuiltYet) {
            return null;
        }
    }
}
