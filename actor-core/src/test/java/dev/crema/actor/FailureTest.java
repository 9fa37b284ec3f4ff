package dev.crema.actor;

import static dev.crema.actor.TestSupport.await;
import static dev.crema.actor.TestSupport.awaitTerminated;
import static dev.crema.actor.TestSupport.awaitUntil;
import static dev.crema.actor.TestSupport.block;
import static dev.crema.actor.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec point 5: suspension, the parent's decision, the documented default, no failure vanishes. */
class FailureTest {

    private ActorSystem system;
    private TestSupport.DeadLetterRecorder dead;
    private final List<String> handled = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        system = TestSupport.newSystem("failure");
        dead = new TestSupport.DeadLetterRecorder(system);
    }

    @AfterEach
    void stop() {
        system.shutdown(TestSupport.SHUTDOWN);
    }

    /**
     * Handles strings: "block" waits for the gate, "bad" throws IllegalStateException, "arg" throws
     * IllegalArgumentException, "report" completes {@code report} with the instance's message count
 * (after recording it).
     * Every message handled without throwing is recorded as "instance:message".
     */
    private ActorFactory<String> worker(AtomicInteger instances, CountDownLatch started, CountDownLatch gate,
                                        CompletableFuture<Integer> report) {
        return ctx -> {
            int n = instances.incrementAndGet();
            return new Actor<String>() {
                private int count;

                @Override
                public void receive(String msg) {
                    count++;
                    switch (msg) {
                        case "block" -> {
                            started.countDown();
                            block(gate);
                        }
                        case "bad" -> throw new IllegalStateException("kaput");
                        case "arg" -> throw new IllegalArgumentException("bad argument");
                        default -> { }
                    }
                    handled.add(n + ":" + msg);
                    if (msg.equals("report")) {
                        report.complete(count);
                    }
                }
            };
        };
    }

    @Test
    void defaultDecision_stopsTheActor_logsTheCauseAtError_deadLettersTheMessages_andTellsWatchersTheCause()
            throws Exception {
        AtomicInteger instances = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        try (TestSupport.LogCapture log = new TestSupport.LogCapture()) {
            Addr<String> a = system.spawn("fragile", worker(instances, started, gate, new CompletableFuture<>()),
                    TestSupport.BLOCKS);
            CompletableFuture<Terminated> watched = system.whenTerminated(a);
            a.tell("block");
            await(started, "the actor to block");
            a.tell("bad");
            a.tell("after1");
            a.tell("after2");
            gate.countDown();
            Terminated t = get(watched);

            assertThat(t.isFailure()).isTrue();
            assertThat(t.actor()).isEqualTo(a);
            assertThat(t.cause()).get().isInstanceOf(IllegalStateException.class)
                    .extracting(Throwable::getMessage).isEqualTo("kaput");
            assertThat(handled).containsExactly("1:block");
            assertThat(instances.get()).isEqualTo(1);
            assertThat(dead.matching(dl -> dl.reason() == DeadLetterReason.FAILED)).singleElement().satisfies(dl -> {
                assertThat(dl.message()).isEqualTo("bad");
                assertThat(dl.cause()).isSameAs(t.failure());
                assertThat(dl.recipient()).isEqualTo(a.path());
            });
            assertThat(dead.messages(DeadLetterReason.STOPPED)).containsExactly("after1", "after2");
            awaitUntil("the ERROR line", () -> !log.lines(l -> l.contains(" ERROR ")
                    && l.contains("crema://failure/user/fragile")).isEmpty());
            assertThat(log.text()).contains("java.lang.IllegalStateException: kaput");
        }
    }

    @Test
    void resume_keepsTheInstanceAndItsState_andGoesOnWithTheNextMessage() throws Exception {
        AtomicInteger instances = new AtomicInteger();
        CompletableFuture<Integer> report = new CompletableFuture<>();
        Addr<String> a = system.spawn("resumable", worker(instances, null, null, report),
                SpawnOptions.defaults().withDecider(Decider.resume()));
        a.tell("one");
        a.tell("bad");
        a.tell("two");
        a.tell("report");
        assertThat(get(report)).as("messages counted by the same instance").isEqualTo(4);
        assertThat(instances.get()).isEqualTo(1);
        assertThat(handled).containsExactly("1:one", "1:two", "1:report");
        assertThat(dead.messages(DeadLetterReason.FAILED)).containsExactly("bad");
    }

    @Test
    void restart_replacesTheInstanceInPlace_theFailingMessageIsNotRedelivered() throws Exception {
        AtomicInteger instances = new AtomicInteger();
        CompletableFuture<Integer> report = new CompletableFuture<>();
        Addr<String> a = system.spawn("restartable", worker(instances, null, null, report),
                SpawnOptions.defaults().withDecider(Decider.restart()));
        a.tell("one");
        a.tell("bad");
        a.tell("two");
        a.tell("report");
        assertThat(get(report)).as("the fresh instance counted only its own messages").isEqualTo(2);
        assertThat(instances.get()).isEqualTo(2);
        assertThat(handled).containsExactly("1:one", "2:two", "2:report");
        assertThat(dead.messages(DeadLetterReason.FAILED)).containsExactly("bad");
    }

    @Test
    void stopDirective_deadLettersWhatIsLeftInTheMailbox_withReasonStopped() throws Exception {
        AtomicInteger instances = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Addr<String> a = system.spawn("stoppable", worker(instances, started, gate, new CompletableFuture<>()),
                TestSupport.BLOCKS.withDecider(Decider.stop()));
        a.tell("block");
        await(started, "the actor to block");
        a.tell("bad");
        for (int i = 0; i < 5; i++) {
            a.tell("q" + i);
        }
        gate.countDown();
        assertThat(awaitTerminated(system, a).isFailure()).isTrue();
        assertThat(dead.messages(DeadLetterReason.STOPPED)).containsExactly("q0", "q1", "q2", "q3", "q4");
    }

    @Test
    void failedChild_isSuspended_andHandlesNothingUntilItsParentHasDecided() throws Exception {
        CountDownLatch parentStarted = new CountDownLatch(1);
        CountDownLatch parentGate = new CountDownLatch(1);
        AtomicReference<List<String>> seenAtDecision = new AtomicReference<>();
        CompletableFuture<Addr<String>> child = new CompletableFuture<>();
        AtomicInteger instances = new AtomicInteger();
        Decider recording = cause -> {
            seenAtDecision.set(List.copyOf(handled));
            return Directive.RESUME;
        };
        system.spawn("parent", ctx -> {
            child.complete(ctx.spawn("child", worker(instances, null, null, new CompletableFuture<>()),
                    SpawnOptions.defaults().withDecider(recording)));
            return msg -> {
                parentStarted.countDown();
                block(parentGate);
            };
        }, TestSupport.BLOCKS).tell("busy");
        await(parentStarted, "the parent to be busy");
        Addr<String> c = get(child);
        c.tell("bad");
        awaitUntil("the child to fail", () -> dead.count(DeadLetterReason.FAILED) == 1);
        c.tell("m1");
        c.tell("m2");
        parentGate.countDown();
        awaitUntil("the child to resume", () -> handled.size() == 2);
        assertThat(seenAtDecision.get()).as("handled by the child before its parent decided").isEmpty();
        assertThat(handled).containsExactly("1:m1", "1:m2");
    }

    @Test
    void escalate_failsTheParentWithTheSameCause_soTheGrandparentDecides() throws Exception {
        AtomicInteger parents = new AtomicInteger();
        List<Throwable> preRestartCauses = Collections.synchronizedList(new ArrayList<>());
        List<Object> preRestartMessages = Collections.synchronizedList(new ArrayList<>());
        List<Addr<String>> children = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch secondParent = new CountDownLatch(1);
        system.<String>spawn("parent", ctx -> {
            int n = parents.incrementAndGet();
            Addr<String> kid = ctx.spawn("kid", c -> msg -> {
                throw new IllegalStateException("child trouble");
            }, SpawnOptions.defaults().withDecider(Decider.escalate()));
            children.add(kid);
            if (n == 1) {
                kid.tell("fail");
            } else {
                secondParent.countDown();
            }
            return new Actor<String>() {
                @Override
                public void receive(String msg) {
                }

                @Override
                public void preRestart(Throwable cause, Object failedMessage) {
                    preRestartCauses.add(cause);
                    preRestartMessages.add(failedMessage);
                }
            };
        }, SpawnOptions.defaults().withDecider(Decider.restart()));
        await(secondParent, "the parent to be restarted by the system");
        assertThat(preRestartCauses).singleElement()
                .satisfies(c -> assertThat(c).isInstanceOf(IllegalStateException.class).hasMessage("child trouble"));
        assertThat(preRestartMessages).containsExactly((Object) null);
        assertThat(children).hasSize(2);
        assertThat(get(system.whenTerminated(children.get(0))).isFailure())
                .as("the old child was stopped by its parent's restart").isFalse();
    }

    @Test
    void escalate_whenTheGrandparentResumesTheParent_theFailedChildResumesToo() throws Exception {
        CompletableFuture<Addr<String>> child = new CompletableFuture<>();
        AtomicInteger parents = new AtomicInteger();
        AtomicInteger instances = new AtomicInteger();
        system.spawn("parent", ctx -> {
            parents.incrementAndGet();
            child.complete(ctx.spawn("kid", worker(instances, null, null, new CompletableFuture<>()),
                    SpawnOptions.defaults().withDecider(Decider.escalate())));
            return msg -> { };
        }, SpawnOptions.defaults().withDecider(Decider.resume()));
        Addr<String> kid = get(child);
        kid.tell("one");
        kid.tell("bad");
        kid.tell("two");
        awaitUntil("the child to go on after the failure", () -> handled.contains("1:two"));
        assertThat(handled).containsExactly("1:one", "1:two");
        assertThat(parents.get()).isEqualTo(1);
        assertThat(instances.get()).isEqualTo(1);
    }

    @Test
    void escalate_pastATopLevelActor_stopsItWithTheCause() throws Exception {
        Addr<String> top = system.spawn("top", ctx -> msg -> {
            throw new IllegalStateException("nowhere to go");
        }, SpawnOptions.defaults().withDecider(Decider.escalate()));
        top.tell("x");
        Terminated t = awaitTerminated(system, top);
        assertThat(t.cause()).get().extracting(Throwable::getMessage).isEqualTo("nowhere to go");
    }

    @Test
    void decider_chainedWithOnAndOrElse_choosesByCauseType() throws Exception {
        AtomicInteger instances = new AtomicInteger();
        CompletableFuture<Integer> report = new CompletableFuture<>();
        Decider decider = Decider.on(IllegalArgumentException.class, Directive.RESUME).orElse(Decider.restart());
        Addr<String> a = system.spawn("choosy", worker(instances, null, null, report),
                SpawnOptions.defaults().withDecider(decider));
        a.tell("arg");   // resume: same instance
        a.tell("x");
        a.tell("bad");   // restart: new instance
        a.tell("y");
        a.tell("report");
        assertThat(get(report)).isEqualTo(2);
        assertThat(handled).containsExactly("1:x", "2:y", "2:report");
        assertThat(decider.decide(new IllegalArgumentException())).isEqualTo(Directive.RESUME);
        assertThat(decider.decide(new RuntimeException())).isEqualTo(Directive.RESTART);
    }

    @Test
    void decider_thatThrows_isTreatedAsStop_andTheErrorIsLogged() throws Exception {
        try (TestSupport.LogCapture log = new TestSupport.LogCapture()) {
            Addr<String> a = system.spawn("baddecider", ctx -> msg -> {
                throw new IllegalStateException("original");
            }, SpawnOptions.defaults().withDecider(cause -> {
                throw new UnsupportedOperationException("decider broke");
            }));
            a.tell("x");
            Terminated t = awaitTerminated(system, a);
            assertThat(t.isFailure()).isTrue();
            awaitUntil("the decider's error in the log", () -> log.text().contains("decider broke"));
        }
    }

    @Test
    void decider_answeringNull_isTreatedAsStop() throws Exception {
        Addr<String> a = system.spawn("nulldecider", ctx -> msg -> {
            throw new IllegalStateException("x");
        }, SpawnOptions.defaults().withDecider(cause -> null));
        a.tell("x");
        assertThat(awaitTerminated(system, a).isFailure()).isTrue();
    }

    @Test
    void failingFactory_isAFailureToStart_andQueuedMessagesAreDeadLettered() throws Exception {
        Addr<String> a = system.spawn("nostart", ctx -> {
            throw new IllegalStateException("no config");
        });
        a.tell("early");
        Terminated t = awaitTerminated(system, a);
        assertThat(t.cause()).get().extracting(Throwable::getMessage).isEqualTo("no config");
        awaitUntil("'early' dead-lettered", () -> dead.messages(DeadLetterReason.STOPPED).contains("early"));
    }

    @Test
    void factoryReturningNull_isAFailureWithACauseNamingTheProblem() throws Exception {
        Addr<String> a = system.spawn("nullfactory", ctx -> null);
        Terminated t = awaitTerminated(system, a);
        assertThat(t.cause()).get().isInstanceOf(NullPointerException.class)
                .extracting(Throwable::getMessage).asString().contains("factory returned null");
    }

    @Test
    void failureOfAChild_whileItsParentIsStopping_isStillDeadLetteredAndLoggedAtError() throws Exception {
        CountDownLatch childStarted = new CountDownLatch(1);
        CountDownLatch childGate = new CountDownLatch(1);
        CompletableFuture<Addr<String>> child = new CompletableFuture<>();
        try (TestSupport.LogCapture log = new TestSupport.LogCapture()) {
            Addr<String> parent = system.spawn("parent", ctx -> {
                child.complete(ctx.spawn("child", c -> msg -> {
                    childStarted.countDown();
                    block(childGate);
                    throw new IllegalStateException("failed during the parent's stop");
                }, TestSupport.BLOCKS));
                return msg -> { };
            });
            get(child).tell("work");
            await(childStarted, "the child to be busy");
            system.stop(parent);
            childGate.countDown();
            awaitTerminated(system, parent);
            assertThat(dead.matching(dl -> dl.reason() == DeadLetterReason.FAILED)).singleElement()
                    .satisfies(dl -> assertThat(dl.cause()).hasMessage("failed during the parent's stop"));
            awaitUntil("the failure to be logged at ERROR", () -> !log.lines(l -> l.contains(" ERROR ")
                    && l.contains("crema://failure/user/parent/child")).isEmpty(), java.time.Duration.ofSeconds(2));
        }
    }
}
