package dev.crema.actor;

import static dev.crema.actor.TestSupport.awaitUntil;
import static dev.crema.actor.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, items 10 to 12: fatal errors of the JVM are never resumed quietly; a turn that holds a thread of
 * the default pool is reported; ask timeouts are cheap and kept off the actor timers' thread.
 */
class FatalErrorsAndStarvationTest {

    record Boom(Throwable error) {
    }

    @Test
    void outOfMemoryError_isNotResumed_theActorIsStopped_andTheTopLevelHandlerIsTold() throws Exception {
        CompletableFuture<Throwable> topLevel = new CompletableFuture<>();
        try (ActorSystem system = TestSupport.newSystem("fatal", SystemConfig.defaults()
                .withTopLevelFailureHandler((sys, actor, cause) -> topLevel.complete(cause)));
             TestSupport.LogCapture log = new TestSupport.LogCapture()) {
            Addr<Boom> a = system.spawn("doomed", ctx -> m -> {
                throw (Error) m.error();
            }, SpawnOptions.defaults().withDecider(Decider.resume()));
            OutOfMemoryError oom = new OutOfMemoryError("test: Java heap space");
            a.tell(new Boom(oom));
            Terminated t = TestSupport.awaitTerminated(system, a);
            assertThat(t.failure()).isSameAs(oom);
            assertThat(get(topLevel)).isSameAs(oom);
            assertThat(log.lines(l -> l.contains("ERROR") && l.contains("crema://fatal/user/doomed threw a fatal error")))
                    .isNotEmpty();
        }
    }

    @Test
    void stackOverflowError_isAnOrdinaryFailure_andCanBeResumed() throws Exception {
        try (ActorSystem system = TestSupport.newSystem("overflow")) {
            CompletableFuture<String> after = new CompletableFuture<>();
            Addr<Object> a = system.spawn("deep", ctx -> m -> {
                if (m instanceof Boom b) {
                    throw (Error) b.error();
                }
                after.complete(String.valueOf(m));
            }, SpawnOptions.defaults().withDecider(Decider.resume()));
            a.tell(new Boom(new StackOverflowError("test")));
            a.tell("still here");
            assertThat(get(after)).isEqualTo("still here");
        }
    }

    @Test
    void fatalErrorPolicy_asFailure_leavesItToTheDecider() throws Exception {
        try (ActorSystem system = TestSupport.newSystem("as-failure", SystemConfig.defaults()
                .withFatalErrorPolicy(FatalErrorPolicy.AS_FAILURE))) {
            CompletableFuture<String> after = new CompletableFuture<>();
            Addr<Object> a = system.spawn("resumed", ctx -> m -> {
                if (m instanceof Boom b) {
                    throw (Error) b.error();
                }
                after.complete(String.valueOf(m));
            }, SpawnOptions.defaults().withDecider(Decider.resume()));
            a.tell(new Boom(new OutOfMemoryError("test")));
            a.tell("resumed anyway");
            assertThat(get(after)).isEqualTo("resumed anyway");
        }
    }

    @Test
    void handlerHoldingADefaultThread_pastTheThreshold_isReportedOnce_withItsPathAndStack() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ActorSystem system = TestSupport.newSystem("starved", SystemConfig.defaults()
                .withStarvationThreshold(Duration.ofMillis(200)));
             TestSupport.LogCapture log = new TestSupport.LogCapture()) {
            Addr<String> blocker = system.spawn("jdbc", ctx -> m -> TestSupport.block(release)); // on DEFAULT
            blocker.tell("query");
            awaitUntil("the blocking turn is reported", () -> !log.lines(l -> l.contains("dev.crema.actor.Starvation")).isEmpty());
            release.countDown();
            String text = log.text();
            assertThat(text).contains("crema://starved/user/jdbc has held thread crema-starved-default-")
                    .contains("Dispatcher.BLOCKING").contains("TestSupport.block");
            assertThat(log.lines(l -> l.contains("dev.crema.actor.Starvation"))).as("once per turn").hasSize(1);
        }
    }

    @Test
    void askTimeouts_completeOnTheirOwnThread_withoutAStackTrace() throws Exception {
        try (ActorSystem system = TestSupport.newSystem("asks")) {
            record Question(Addr<String> replyTo) {
            }
            Addr<Question> silent = system.spawn("silent", ctx -> q -> { });
            CompletableFuture<String> thread = new CompletableFuture<>();
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            // a callback attached after the timeout fired would run on this thread and prove nothing: on a
            // starved machine that can happen, so such an attempt is repeated with a new ask
            for (int attempt = 0; attempt < 20 && !thread.isDone(); attempt++) {
                CompletableFuture<String> asked = silent.<String>ask(Question::new, Duration.ofMillis(200));
                Thread asker = Thread.currentThread();
                asked.whenComplete((r, e) -> {
                    if (Thread.currentThread() != asker) {
                        thread.complete(Thread.currentThread().getName());
                        failure.complete(e);
                    }
                });
                get(asked.handle((r, e) -> null)); // this attempt is over before the next
            }
            assertThat(get(thread)).isEqualTo("crema-asks-ask-timeouts");
            assertThat(get(failure)).isInstanceOf(AskTimeoutException.class);
            assertThat(get(failure).getStackTrace()).isEmpty();
        }
    }
}
