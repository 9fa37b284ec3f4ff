package dev.crema.actor.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.AskTimeoutException;
import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.Decider;
import dev.crema.actor.Directive;
import dev.crema.actor.Interceptor;
import dev.crema.actor.Mailbox;
import dev.crema.actor.SendResult;
import dev.crema.actor.ShutdownReport;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.SystemConfig;
import dev.crema.actor.Terminated;
import dev.crema.actor.supervision.ChildSpec;
import dev.crema.actor.supervision.ChildStatus;
import dev.crema.actor.supervision.StopPolicy;
import dev.crema.actor.supervision.Supervisor;
import dev.crema.actor.supervision.SupervisorSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue point 6, hostile handlers. Each case has the outcome the Javadoc documents (quoted), or, where it
 * documents none, the one a demanding user would expect (marked "undocumented"). Every test ends by
 * checking that the system still works.
 *
 * <table>
 *   <caption>Outcomes</caption>
 *   <tr><th>handler</th><th>outcome</th></tr>
 *   <tr><td>blocks forever</td><td>a forced stop (supervisor stop policy, shutdown deadline) interrupts it
 *       (StopPolicy: "if a handler is still running, its thread is interrupted"); {@code system.stop} waits
 *       for it ("after its current message")</td></tr>
 *   <tr><td>throws an Error</td><td>a failure like any other: dead-lettered FAILED with the Error as cause,
 *       the parent decides (Actor: "Every method may throw")</td></tr>
 *   <tr><td>replies twice</td><td>the first reply completes the ask, the second is dead-lettered LATE_REPLY
 *       (Addr.ask)</td></tr>
 *   <tr><td>sends to itself in a loop</td><td>undocumented: other actors on the same threads are still served;
 *       it can be stopped; shutdown still completes gracefully</td></tr>
 *   <tr><td>blocks on its own full mailbox</td><td>{@code send} throws IllegalStateException at once
 *       (Addr.send), a failure of the actor</td></tr>
 * </table>
 */
class HostileHandlersHardeningTest {

    private final List<DeadLetter> deadLetters = Collections.synchronizedList(new ArrayList<>());
    private ActorSystem system = newSystem(SystemConfig.defaults());

    private ActorSystem newSystem(SystemConfig config) {
        ActorSystem s = ActorSystem.create("hostile", config.withDeadLetterLogLimit(0));
        s.deadLetters().subscribe(deadLetters::add);
        return s;
    }

    @AfterEach
    void systemStillWorks_thenShutdown() throws Exception {
        try {
            record Ping(Addr<String> replyTo) {
            }
            Addr<Ping> echo = system.spawnAnonymous(ctx -> p -> p.replyTo().tell("pong"));
            assertThat(echo.<String>ask(Ping::new, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS))
                    .as("the system still works after the hostile handler").isEqualTo("pong");
        } finally {
            system.shutdown(Duration.ofSeconds(5));
        }
    }

    private List<DeadLetter> deadLetters(DeadLetterReason reason) {
        synchronized (deadLetters) {
            return deadLetters.stream().filter(d -> d.reason() == reason).toList();
        }
    }

    private static Terminated await(CompletableFuture<Terminated> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------- blocks forever

    @Test
    void blocksForever_aSupervisorStopsItWithinItsStopPolicy_byInterruptingTheHandler() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        AtomicReference<Throwable> seen = new AtomicReference<>();
        ChildSpec<String> spec = ChildSpec.<String>worker("sleeper", ctx -> msg -> {
            blocked.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                seen.set(e);
                throw e;
            }
        }).withStopPolicy(StopPolicy.after(Duration.ofMillis(100)));
        Supervisor sup = Supervisor.start(system, "sup", SupervisorSpec.oneForOne().withChild(spec));
        Addr<String> sleeper = sup.child(spec).orElseThrow();
        sleeper.tell("sleep");
        sleeper.tell("queued");
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();

        sup.terminateChild("sleeper").get(10, TimeUnit.SECONDS);

        assertThat(seen.get()).as("the handler was interrupted").isInstanceOf(InterruptedException.class);
        assertThat(sup.child("sleeper").orElseThrow().status()).isEqualTo(ChildStatus.STOPPED);
        assertThat(deadLetters(DeadLetterReason.FAILED)).singleElement()
                .satisfies(d -> assertThat(d.message()).isEqualTo("sleep"))
                .satisfies(d -> assertThat(d.cause()).isInstanceOf(InterruptedException.class));
        assertThat(deadLetters(DeadLetterReason.STOPPED)).extracting(DeadLetter::message).containsExactly("queued");
    }

    @Test
    void blocksForever_systemStopTakesEffectAfterTheCurrentMessage() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        Addr<String> a = system.spawn("blocked", ctx -> msg -> {
            if (msg.equals("block")) {
                blocked.countDown();
                release.await();
            }
            handled.incrementAndGet();
        });
        a.tell("block");
        for (int i = 0; i < 10; i++) {
            a.tell("queued-" + i);
        }
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Terminated> terminated = system.whenTerminated(a);

        system.stop(a); // "Stops any actor of this system after its current message": it is not interrupted
        assertThat(terminated).isNotDone();
        release.countDown();

        assertThat(await(terminated).isFailure()).isFalse();
        assertThat(handled.get()).as("ActorSystem.stop: \"after its current message; the messages left in its mailbox "
                + "go to dead letters\": the current message finished, none of the 10 queued ones ran").isEqualTo(1);
        assertThat(deadLetters(DeadLetterReason.STOPPED)).hasSize(10);
    }

    // ---------------------------------------------------------------- throws an Error

    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    @Test
    void stackOverflowError_isAFailure_deadLetteredWithItsCause_andTheParentRestartsIt() throws Exception {
        AtomicInteger instances = new AtomicInteger();
        CompletableFuture<String> after = new CompletableFuture<>();
        Addr<String> a = system.spawn("deep", ctx -> {
            instances.incrementAndGet();
            return msg -> {
                if (msg.equals("overflow")) {
                    recurse(0);
                }
                after.complete(msg);
            };
        }, SpawnOptions.defaults().withDecider(Decider.restart()));

        a.tell("overflow");
        a.tell("next");

        assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("next");
        assertThat(instances.get()).as("restarted once").isEqualTo(2);
        assertThat(deadLetters(DeadLetterReason.FAILED)).singleElement()
                .satisfies(d -> assertThat(d.message()).isEqualTo("overflow"))
                .satisfies(d -> assertThat(d.cause()).isInstanceOf(StackOverflowError.class));
    }

    @Test
    void outOfMemoryError_isFatal_byDefault_theDeciderIsNotAsked_andTheActorIsStopped() throws Exception {
        List<Throwable> decided = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<String> after = new CompletableFuture<>();
        Addr<String> a = system.spawn("hungry", ctx -> msg -> {
            if (msg.equals("eat")) {
                throw new OutOfMemoryError("simulated: the handler ran out of memory");
            }
            after.complete(msg);
        }, SpawnOptions.defaults().withDecider(cause -> {
            decided.add(cause);
            return Directive.RESUME;
        }));

        a.tell("eat");
        a.tell("next");

        Terminated t = system.whenTerminated(a).get(10, TimeUnit.SECONDS);
        assertThat(t.failure()).isInstanceOf(OutOfMemoryError.class);
        assertThat(after).as("never resumed: 'next' was not handled").isNotDone();
        assertThat(decided).as("a fatal error is not the decider's to resume").isEmpty();
        assertThat(deadLetters(DeadLetterReason.FAILED)).singleElement()
                .satisfies(d -> assertThat(d.cause()).isInstanceOf(OutOfMemoryError.class));
    }

    @Test
    void errorInTheFactory_isAFailureToStart_andTheParentDecides() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        CompletableFuture<String> handled = new CompletableFuture<>();
        Addr<String> a = system.spawn("fragile", ctx -> {
            if (builds.incrementAndGet() == 1) {
                throw new LinkageError("simulated: a class failed to link");
            }
            return handled::complete;
        }, SpawnOptions.defaults().withDecider(Decider.restart()));

        a.tell("hello"); // waits in the mailbox while the actor fails to start and is restarted

        assertThat(handled.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
        assertThat(builds.get()).isEqualTo(2);
        assertThat(deadLetters(DeadLetterReason.FAILED)).as("no message was being handled").isEmpty();
    }

    @Test
    void errorInPostStop_isLogged_andTheActorStopsAnyway() throws Exception {
        Addr<String> a = system.spawn("messy", ctx -> new Actor<String>() {
            @Override
            public void receive(String msg) {
            }

            @Override
            public void postStop() {
                throw new AssertionError("simulated: postStop blew up");
            }
        });
        CompletableFuture<Terminated> terminated = system.whenTerminated(a);

        system.stop(a);

        assertThat(await(terminated).isFailure()).isFalse();
        assertThat(a.trySend("late")).isEqualTo(SendResult.STOPPED);
    }

    @Test
    void errorInTheDecider_stopsTheChild_withTheOriginalCause() throws Exception {
        Addr<String> a = system.spawn("undecided", ctx -> msg -> {
            throw new IllegalStateException("original failure");
        }, SpawnOptions.defaults().withDecider(cause -> {
            throw new InternalError("simulated: the decider itself failed");
        }));
        CompletableFuture<Terminated> terminated = system.whenTerminated(a);

        a.tell("boom");

        Terminated t = await(terminated);
        assertThat(t.failure()).isInstanceOf(IllegalStateException.class).hasMessage("original failure");
    }

    @Test
    void errorInADeadLetterSubscriber_isLogged_andItStaysSubscribed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        system.deadLetters().subscribe(dl -> {
            calls.incrementAndGet();
            throw new StackOverflowError("simulated: a subscriber blew up");
        });
        Addr<String> a = system.spawn("gone", ctx -> msg -> { });
        CompletableFuture<Terminated> terminated = system.whenTerminated(a);
        system.stop(a);
        await(terminated);

        a.tell("one");
        a.tell("two");

        assertThat(calls.get()).isEqualTo(2);
        assertThat(deadLetters(DeadLetterReason.STOPPED)).as("other subscribers still get every letter")
                .extracting(DeadLetter::message).containsExactly("one", "two");
    }

    @Test
    void errorInAnInterceptor_isAFailureOfTheActor() throws Exception {
        Interceptor broken = (self, message, next) -> {
            if ("trip".equals(message)) {
                throw new NoClassDefFoundError("simulated: the interceptor's tracer is missing");
            }
            next.proceed();
        };
        CompletableFuture<String> after = new CompletableFuture<>();
        Addr<String> a = system.spawn("intercepted", ctx -> after::complete,
                SpawnOptions.defaults().withInterceptor(broken).withDecider(Decider.resume()));

        a.tell("trip");
        a.tell("next");

        assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("next");
        assertThat(deadLetters(DeadLetterReason.FAILED)).singleElement()
                .satisfies(d -> assertThat(d.message()).isEqualTo("trip"))
                .satisfies(d -> assertThat(d.cause()).isInstanceOf(NoClassDefFoundError.class));
    }

    @Test
    void errorInAWatchMapping_failsTheWatcher_andItsParentDecides() throws Exception {
        List<Throwable> decided = Collections.synchronizedList(new ArrayList<>());
        Addr<String> target = system.spawn("target", ctx -> msg -> { });
        CountDownLatch watching = new CountDownLatch(1);
        AtomicInteger instances = new AtomicInteger();
        system.spawn("watcher", ctx -> {
            if (instances.incrementAndGet() == 1) {
                ctx.watch(target, t -> {
                    throw new ExceptionInInitializerError("simulated: the mapping blew up");
                });
            }
            watching.countDown();
            return msg -> { };
        }, SpawnOptions.defaults().withDecider(cause -> {
            decided.add(cause);
            return Directive.RESTART;
        }));
        assertThat(watching.await(10, TimeUnit.SECONDS)).isTrue();

        system.stop(target);

        Hardening.awaitUntil("the watcher failed and was restarted", Duration.ofSeconds(10), () -> instances.get() == 2);
        assertThat(decided).singleElement().isInstanceOf(ExceptionInInitializerError.class);
    }

    // ---------------------------------------------------------------- replies twice

    record Question(Addr<String> replyTo) {
    }

    @Test
    void replyingTwice_theFirstReplyWins_theSecondIsDeadLetteredLateReply() throws Exception {
        AtomicReference<SendResult> secondTry = new AtomicReference<>();
        Addr<Question> chatty = system.spawn("chatty", ctx -> q -> {
            q.replyTo().tell("first");
            q.replyTo().tell("second");
            secondTry.set(q.replyTo().trySend("third")); // trySend reports instead of dead-lettering
        });

        String answer = chatty.<String>ask(Question::new, Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);

        assertThat(answer).isEqualTo("first");
        Hardening.awaitUntil("the third attempt was made", Duration.ofSeconds(10), () -> secondTry.get() != null);
        assertThat(secondTry.get()).isEqualTo(SendResult.STOPPED);
        assertThat(deadLetters(DeadLetterReason.LATE_REPLY)).singleElement()
                .satisfies(d -> assertThat(d.message()).isEqualTo("second"))
                .satisfies(d -> assertThat(d.recipient()).contains("/temp/ask(" + chatty.path() + ")"));
    }

    @Test
    void replyingAfterTheAskTimedOut_isDeadLetteredLateReply() throws Exception {
        CountDownLatch timedOut = new CountDownLatch(1);
        Addr<Question> slow = system.spawn("slow", ctx -> q -> {
            timedOut.await();
            q.replyTo().tell("too late");
        }, SpawnOptions.defaults().withDispatcher(dev.crema.actor.Dispatcher.BLOCKING));

        CompletableFuture<String> f = slow.ask(Question::new, Duration.ofMillis(50));
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(AskTimeoutException.class).hasMessageContaining(slow.path());
        }
        assertThat(f).isCompletedExceptionally();
        timedOut.countDown();

        Hardening.awaitUntil("the late reply is dead-lettered", Duration.ofSeconds(10),
                () -> !deadLetters(DeadLetterReason.LATE_REPLY).isEmpty());
        assertThat(deadLetters(DeadLetterReason.LATE_REPLY)).extracting(DeadLetter::message).containsExactly("too late");
    }

    // ---------------------------------------------------------------- sends to itself in a loop

    /** An actor that, once kicked, sends itself a message for every message it handles, forever. */
    static ActorFactoryLoop looper(AtomicLong laps) {
        return new ActorFactoryLoop(laps);
    }

    static final class ActorFactoryLoop implements dev.crema.actor.ActorFactory<String> {
        private final AtomicLong laps;

        ActorFactoryLoop(AtomicLong laps) {
            this.laps = laps;
        }

        @Override
        public Actor<String> create(ActorContext<String> ctx) {
            return msg -> {
                laps.incrementAndGet();
                ctx.self().tell(msg);
            };
        }
    }

    @Test
    void sendingToItselfInALoop_doesNotStarveOtherActors_onASingleThread() throws Exception {
        system.shutdown(Duration.ofSeconds(5));
        system = newSystem(SystemConfig.defaults().withParallelism(1)); // one thread for everybody
        AtomicLong laps = new AtomicLong();
        Addr<String> loop = system.spawn("loop", looper(laps));
        Addr<Question> other = system.spawn("other", ctx -> q -> q.replyTo().tell("served"));
        loop.tell("go");
        Hardening.awaitUntil("the loop is running", Duration.ofSeconds(10), () -> laps.get() > 10_000);

        for (int i = 0; i < 20; i++) {
            assertThat(other.<String>ask(Question::new, Duration.ofSeconds(2)).get(10, TimeUnit.SECONDS))
                    .as("another actor is served while the loop runs (ask %d)", i).isEqualTo("served");
        }

        CompletableFuture<Terminated> terminated = system.whenTerminated(loop);
        system.stop(loop);
        assertThat(await(terminated).isFailure()).isFalse();
        assertThat(deadLetters(DeadLetterReason.STOPPED)).as("the loop's last self-send, refused after the stop")
                .isNotEmpty().allSatisfy(d -> assertThat(d.recipient()).isEqualTo(loop.path()));
    }

    @Test
    void sendingToItselfInALoop_shutdownStillCompletesGracefully() {
        AtomicLong laps = new AtomicLong();
        Addr<String> loop = system.spawn("loop", looper(laps));
        loop.tell("go");
        loop.tell("go again");
        Hardening.awaitUntil("the loop is running", Duration.ofSeconds(10), () -> laps.get() > 10_000);

        ShutdownReport report = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> system.shutdown(Duration.ofSeconds(20)), "shutdown did not return (hang guard)");

        assertThat(report.withinDeadline()).isTrue();
        assertThat(report.actorsStoppedForcibly()).as("the draining loop's self-sends are refused, so it ends").isZero();
        assertThat(deadLetters(DeadLetterReason.SHUTDOWN)).as("the self-sends refused while draining")
                .hasSizeGreaterThanOrEqualTo(1);
        system = newSystem(SystemConfig.defaults()); // for the after-each check
    }

    // ---------------------------------------------------------------- blocks on its own full mailbox

    @Test
    void blockingOnItsOwnFullMailbox_sendThrowsAtOnce_andTheActorFails() throws Exception {
        List<Throwable> decided = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger handled = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        Addr<String> selfish = system.spawn("selfish", ctx -> msg -> {
            switch (msg) {
                case "fill" -> {
                    while (ctx.self().trySend("filler") == SendResult.ACCEPTED) {
                        // fill our own mailbox to the brim
                    }
                    ctx.self().send("one more", Duration.ofSeconds(30)); // would wait for itself forever
                }
                case "last" -> done.countDown();
                default -> handled.incrementAndGet();
            }
        }, SpawnOptions.defaults().withMailbox(Mailbox.bounded(8)).withDecider(cause -> {
            decided.add(cause);
            return Directive.RESUME;
        }));

        selfish.tell("fill");
        Hardening.awaitUntil("the failure was decided", Duration.ofSeconds(10), () -> !decided.isEmpty());
        assertThat(selfish.send("last", Duration.ofSeconds(10))).isEqualTo(SendResult.ACCEPTED);

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(decided).singleElement().isInstanceOf(IllegalStateException.class)
                .extracting(Throwable::getMessage).asString().contains("own full mailbox");
        assertThat(deadLetters(DeadLetterReason.FAILED)).singleElement()
                .satisfies(d -> assertThat(d.message()).isEqualTo("fill"));
        assertThat(handled.get()).as("the fillers it queued are handled after the resume").isEqualTo(7);
    }
}
