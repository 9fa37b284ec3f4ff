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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec point 2: ask, request/reply with a lightweight reply handle. */
class AskTest {

    record Ping(String text, Addr<String> replyTo) {
    }

    private ActorSystem system;
    private TestSupport.DeadLetterRecorder dead;

    @BeforeEach
    void start() {
        system = TestSupport.newSystem("ask");
        dead = new TestSupport.DeadLetterRecorder(system);
    }

    @AfterEach
    void stop() {
        system.shutdown(TestSupport.SHUTDOWN);
    }

    private Addr<Ping> echo() {
        return system.spawn("echo", ctx -> p -> p.replyTo().tell("re:" + p.text()));
    }

    @Test
    void ask_completesWithTheReply() throws Exception {
        Addr<Ping> echo = echo();
        CompletableFuture<String> reply = echo.ask(r -> new Ping("hi", r), TestSupport.WAIT);
        assertThat(get(reply)).isEqualTo("re:hi");
    }

    @Test
    void ask_spawnsNoActor_theReplyHandleIsNotAnActorOfTheSystem() throws Exception {
        TestSupport.RuntimeProbe probe = new TestSupport.RuntimeProbe(system);
        CountDownLatch gate = new CountDownLatch(1);
        CompletableFuture<Addr<String>> handle = new CompletableFuture<>();
        Addr<Ping> holder = system.spawn("holder", ctx -> p -> {
            handle.complete(p.replyTo());
            block(gate);
            p.replyTo().tell("done");
        }, TestSupport.BLOCKS);
        long liveBefore = probe.liveActors();
        CompletableFuture<String> reply = holder.ask(r -> new Ping("x", r), TestSupport.WAIT);
        Addr<String> replyTo = get(handle);
        assertThat(probe.liveActors()).as("live actors while an ask is pending").isEqualTo(liveBefore);
        assertThatThrownBy(() -> system.whenTerminated(replyTo))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an actor");
        gate.countDown();
        assertThat(get(reply)).isEqualTo("done");
    }

    @Test
    void ask_withoutReply_failsWithAskTimeoutException_namingTargetRequestTypeAndTimeout() throws Exception {
        Addr<Ping> silent = system.spawn("silent", ctx -> p -> { });
        Duration timeout = Duration.ofMillis(100);
        CompletableFuture<String> reply = silent.ask(r -> new Ping("hello", r), timeout);
        assertThatThrownBy(() -> get(reply))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(AskTimeoutException.class)
                .hasMessageContaining("crema://ask/user/silent")
                .hasMessageContaining("Ping")
                .hasMessageContaining(timeout.toString());
        AskTimeoutException e = (AskTimeoutException) reply.handle((v, t) -> t).get();
        assertThat(e.target()).isEqualTo("crema://ask/user/silent");
        assertThat(e.requestType()).isEqualTo(Ping.class);
        assertThat(e.timeout()).isEqualTo(timeout);
    }

    @Test
    void ask_lateReply_afterTheTimeout_goesToDeadLettersAsLateReply() throws Exception {
        AtomicReference<Addr<String>> kept = new AtomicReference<>();
        Addr<Object> slow = system.spawn("slow", ctx -> msg -> {
            if (msg instanceof Ping p) {
                kept.set(p.replyTo());
            } else if (msg.equals("reply-now")) {
                kept.get().tell("too late");
            }
        });
        CompletableFuture<String> reply = slow.ask(r -> new Ping("q", r), Duration.ofMillis(50));
        assertThatThrownBy(() -> get(reply)).cause().isInstanceOf(AskTimeoutException.class);
        slow.tell("reply-now");
        awaitUntil("the late reply to be dead-lettered", () -> dead.count(DeadLetterReason.LATE_REPLY) == 1);
        assertThat(dead.messages(DeadLetterReason.LATE_REPLY)).containsExactly("too late");
        assertThat(system.deadLetters().count(DeadLetterReason.LATE_REPLY)).isEqualTo(1);
    }

    @Test
    void ask_secondReply_goesToDeadLettersAsLateReply_theFirstWins() throws Exception {
        CountDownLatch replied = new CountDownLatch(1);
        Addr<Ping> twice = system.spawn("twice", ctx -> p -> {
            p.replyTo().tell("first");
            p.replyTo().tell("second");
            replied.countDown();
        });
        CompletableFuture<String> reply = twice.ask(r -> new Ping("q", r), TestSupport.WAIT);
        assertThat(get(reply)).isEqualTo("first");
        await(replied, "both replies");
        assertThat(dead.messages(DeadLetterReason.LATE_REPLY)).containsExactly("second");
    }

    @Test
    void ask_toAFullMailbox_failsAtOnceWithAskRejected() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Addr<Object> busy = system.spawn("busy", ctx -> msg -> {
            started.countDown();
            block(gate);
        }, TestSupport.BLOCKS.withMailbox(Mailbox.bounded(1)));
        busy.tell("block");
        await(started, "the actor to block");
        CompletableFuture<String> reply = busy.ask(r -> new Ping("q", r), TestSupport.WAIT);
        assertThat(reply).as("failed before ask returned").isCompletedExceptionally();
        assertThatThrownBy(reply::join).cause()
                .isInstanceOf(AskRejectedException.class)
                .hasMessageContaining("crema://ask/user/busy")
                .hasMessageContaining("Ping")
                .hasMessageContaining("mailbox full")
                .satisfies(e -> assertThat(((AskRejectedException) e).result()).isEqualTo(SendResult.FULL));
        gate.countDown();
    }

    @Test
    void ask_toAStoppedActor_failsAtOnceWithAskRejected() throws Exception {
        Addr<Ping> echo = echo();
        system.stop(echo);
        awaitTerminated(system, echo);
        CompletableFuture<String> reply = echo.ask(r -> new Ping("q", r), TestSupport.WAIT);
        assertThat(reply).isCompletedExceptionally();
        assertThatThrownBy(reply::join).cause()
                .isInstanceOf(AskRejectedException.class)
                .hasMessageContaining("actor stopped")
                .satisfies(e -> assertThat(((AskRejectedException) e).result()).isEqualTo(SendResult.STOPPED));
    }

    @Test
    void ask_answered_leavesNoTimeoutTimerBehind() throws Exception {
        TestSupport.RuntimeProbe probe = new TestSupport.RuntimeProbe(system);
        Addr<Ping> echo = echo();
        List<CompletableFuture<String>> replies = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int n = i;
            replies.add(echo.ask(r -> new Ping("n" + n, r), Duration.ofMinutes(5)));
        }
        for (int i = 0; i < replies.size(); i++) {
            assertThat(get(replies.get(i))).isEqualTo("re:n" + i);
        }
        awaitUntil("the ask timeouts to be cancelled", () -> probe.pendingTimers() == 0);
    }

    @Test
    void ask_fromInsideAnActor_composesWithoutBlocking() throws Exception {
        Addr<Ping> echo = echo();
        CompletableFuture<String> out = new CompletableFuture<>();
        Addr<String> asker = system.spawn("asker", ctx -> msg -> {
            if (msg.startsWith("go:")) {
                echo.<String>ask(r -> new Ping(msg.substring(3), r), TestSupport.WAIT)
                        .thenAccept(reply -> ctx.self().tell("got:" + reply)); // self() is any-thread safe
            } else {
                out.complete(msg);
            }
        });
        asker.tell("go:x");
        assertThat(get(out)).isEqualTo("got:re:x");
    }

    @Test
    void replyHandle_trySend_afterCompletion_reportsStopped_withoutDeadLetter() throws Exception {
        CompletableFuture<SendResult> second = new CompletableFuture<>();
        Addr<Ping> a = system.spawn("try-twice", ctx -> p -> {
            p.replyTo().trySend("one");
            second.complete(p.replyTo().trySend("two"));
        });
        assertThat(get(a.<String>ask(r -> new Ping("q", r), TestSupport.WAIT))).isEqualTo("one");
        assertThat(get(second)).isEqualTo(SendResult.STOPPED);
        assertThat(dead.total()).isZero();
    }

    record Add(int n, Addr<Integer> replyTo) {
    }

    @Test
    void typeSpelledOutOverloads_inferWhereTheFutureIsUsedDirectly_withNoWitness() throws Exception {
        // a block-lambda factory and a chained ask: both need a type witness without the Class overloads
        Addr<Add> adder = system.spawn("adder", Add.class, ctx -> {
            int[] total = {0};
            return a -> a.replyTo().tell(total[0] += a.n());
        });
        int first = adder.ask(Integer.class, r -> new Add(2, r), Duration.ofSeconds(5)).get();
        String second = adder.ask(Integer.class, r -> new Add(3, r), Duration.ofSeconds(5)).thenApply(n -> "=" + n).get();
        assertThat(first).isEqualTo(2);
        assertThat(second).isEqualTo("=5");
        assertThatThrownBy(() -> adder.ask((Class<Integer>) null, r -> new Add(1, r), Duration.ofSeconds(1)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("reply type");
        assertThatThrownBy(() -> system.spawn("x", (Class<String>) null, ctx -> m -> { }))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("message type");
    }
}
