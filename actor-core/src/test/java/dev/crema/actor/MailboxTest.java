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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec point 3: bounded by default, explicit unbounded opt-in, a separate channel for system messages. */
class MailboxTest {

    private ActorSystem system;
    private TestSupport.DeadLetterRecorder dead;
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        system = TestSupport.newSystem("mailbox");
        dead = new TestSupport.DeadLetterRecorder(system);
    }

    @AfterEach
    void stop() {
        system.shutdown(TestSupport.SHUTDOWN);
    }

    /** Records what it handles; a message starting with "block" signals {@code started} and waits for {@code gate}. */
    private Addr<String> gated(String name, CountDownLatch started, CountDownLatch gate, SpawnOptions options) {
        return system.spawn(name, ctx -> msg -> {
            seen.add(msg);
            if (msg.startsWith("block")) {
                started.countDown();
                block(gate);
            }
        }, options);
    }

    @Test
    void defaultMailbox_isBounded_withTheDocumentedCapacity() {
        assertThat(Mailbox.DEFAULT_CAPACITY).isEqualTo(1000);
        assertThat(Mailbox.defaultMailbox().capacity()).isEqualTo(Mailbox.DEFAULT_CAPACITY);
        assertThat(Mailbox.defaultMailbox().isUnbounded()).isFalse();
        assertThat(SystemConfig.defaults().defaultMailbox()).isEqualTo(Mailbox.defaultMailbox());
        assertThat(SpawnOptions.defaults().mailbox()).as("null means the system's default").isNull();
    }

    @Test
    void actorSpawnedWithDefaults_refusesTheMessageBeyondTheDefaultCapacity() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Addr<String> a = gated("default", started, gate, TestSupport.BLOCKS);
        a.tell("block");
        await(started, "the actor to block");
        // the message being handled keeps its place until it is finished
        for (int i = 1; i < Mailbox.DEFAULT_CAPACITY; i++) {
            assertThat(a.trySend("m" + i)).as("message %d", i).isEqualTo(SendResult.ACCEPTED);
        }
        assertThat(a.trySend("one too many")).isEqualTo(SendResult.FULL);
        gate.countDown();
        awaitUntil("all accepted messages handled", () -> seen.size() == Mailbox.DEFAULT_CAPACITY);
        assertThat(seen).doesNotContain("one too many");
    }

    @Test
    void boundedMailbox_capacityIsExact_andPlacesComeBackOnceMessagesAreHandled() {
        CountDownLatch started1 = new CountDownLatch(1);
        CountDownLatch started2 = new CountDownLatch(1);
        CountDownLatch gate1 = new CountDownLatch(1);
        CountDownLatch gate2 = new CountDownLatch(1);
        Addr<String> a = system.spawn("five", ctx -> msg -> {
            seen.add(msg);
            if (msg.equals("block1")) {
                started1.countDown();
                block(gate1);
            } else if (msg.equals("block2")) {
                started2.countDown();
                block(gate2);
            }
        }, TestSupport.BLOCKS.withMailbox(Mailbox.bounded(5)));
        assertThat(a.trySend("block1")).isEqualTo(SendResult.ACCEPTED);
        await(started1, "first block");
        for (int i = 0; i < 4; i++) {
            assertThat(a.trySend("a" + i)).isEqualTo(SendResult.ACCEPTED);
        }
        assertThat(a.trySend("refused-a")).isEqualTo(SendResult.FULL);
        gate1.countDown();
        // places are handed back per batch, so a producer may be refused until the turn has ended
        awaitUntil("room again", () -> a.trySend("block2") == SendResult.ACCEPTED);
        await(started2, "second block");
        for (int i = 0; i < 4; i++) {
            assertThat(a.trySend("b" + i)).isEqualTo(SendResult.ACCEPTED);
        }
        assertThat(a.trySend("refused-b")).isEqualTo(SendResult.FULL);
        gate2.countDown();
        awaitUntil("everything handled", () -> seen.size() == 10);
        assertThat(seen).containsExactly("block1", "a0", "a1", "a2", "a3", "block2", "b0", "b1", "b2", "b3");
    }

    @Test
    void unboundedMailbox_isAnExplicitOptIn_thatAcceptsFarBeyondTheDefaultCapacity() {
        assertThat(Mailbox.unbounded().isUnbounded()).isTrue();
        assertThat(Mailbox.unbounded().capacity()).isEqualTo(Mailbox.MAX_CAPACITY);
        assertThat(Mailbox.bounded(Mailbox.MAX_CAPACITY).isUnbounded()).isFalse();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Addr<String> a = gated("big", started, gate, TestSupport.BLOCKS.withMailbox(Mailbox.unbounded()));
        a.tell("block");
        await(started, "the actor to block");
        int n = 5 * Mailbox.DEFAULT_CAPACITY;
        for (int i = 0; i < n; i++) {
            assertThat(a.trySend("m" + i)).isEqualTo(SendResult.ACCEPTED);
        }
        gate.countDown();
        awaitUntil("all handled", () -> seen.size() == n + 1);
        assertThat(dead.total()).isZero();
    }

    @Test
    void systemMailbox_defaultMailboxOfTheSystemCanBeChanged() {
        try (ActorSystem small = TestSupport.newSystem("small",
                SystemConfig.defaults().withDefaultMailbox(Mailbox.bounded(2)))) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch gate = new CountDownLatch(1);
            Addr<String> a = small.spawn("a", ctx -> msg -> {
                started.countDown();
                block(gate);
            }, TestSupport.BLOCKS);
            a.tell("block");
            await(started, "the actor to block");
            assertThat(a.trySend("one")).isEqualTo(SendResult.ACCEPTED);
            assertThat(a.trySend("two")).isEqualTo(SendResult.FULL);
            gate.countDown();
        }
    }

    @Test
    void stop_isNeverRejectedByAFullMailbox() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Addr<String> a = gated("full", started, gate, TestSupport.BLOCKS.withMailbox(Mailbox.bounded(1)));
        a.tell("block");
        await(started, "the actor to block");
        assertThat(a.trySend("x")).as("the mailbox is full").isEqualTo(SendResult.FULL);
        system.stop(a);
        gate.countDown();
        Terminated t = awaitTerminated(system, a);
        assertThat(t.isFailure()).isFalse();
    }

    @Test
    void deathWatchNotice_isNeverRejectedByTheWatchersFullMailbox() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        CompletableFuture<String> notice = new CompletableFuture<>();
        Addr<String> target = system.spawn("target", ctx -> msg -> { });
        Addr<String> watcher = system.spawn("watcher", ctx -> {
            ctx.watch(target, t -> "gone:" + t.actor().path());
            return msg -> {
                if (msg.equals("block")) {
                    started.countDown();
                    block(gate);
                } else if (msg.startsWith("gone:")) {
                    notice.complete(msg);
                }
            };
        }, TestSupport.BLOCKS.withMailbox(Mailbox.bounded(1)));
        watcher.tell("block");
        await(started, "the watcher to block");
        assertThat(watcher.trySend("x")).as("the watcher's mailbox is full").isEqualTo(SendResult.FULL);
        system.stop(target);
        awaitTerminated(system, target);
        gate.countDown();
        assertThat(get(notice)).isEqualTo("gone:" + target.path());
    }

    @Test
    void failureReport_isNeverRejectedByTheParentsFullMailbox() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        CompletableFuture<Addr<String>> child = new CompletableFuture<>();
        CompletableFuture<String> afterRestart = new CompletableFuture<>();
        Addr<String> parent = system.spawn("parent", ctx -> {
            child.complete(ctx.spawn("child", c -> msg -> {
                if (msg.equals("boom")) {
                    throw new IllegalStateException("boom");
                }
                afterRestart.complete(msg);
            }, SpawnOptions.defaults().withDecider(Decider.restart())));
            return msg -> {
                started.countDown();
                block(gate);
            };
        }, TestSupport.BLOCKS.withMailbox(Mailbox.bounded(1)));
        parent.tell("block");
        await(started, "the parent to block");
        assertThat(parent.trySend("x")).as("the parent's mailbox is full").isEqualTo(SendResult.FULL);
        Addr<String> c = get(child);
        c.tell("boom");
        c.tell("next");
        gate.countDown(); // the parent can now decide
        assertThat(get(afterRestart)).isEqualTo("next");
    }

    @Test
    void stop_isHandledBeforeUserMessagesAlreadyQueued() throws Exception {
        // ActorSystem.stop: "after its current message; the messages left in its mailbox go to dead letters"
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Addr<String> a = gated("queued", started, gate, TestSupport.BLOCKS);
        a.tell("block");
        await(started, "the actor to block");
        for (int i = 0; i < 10; i++) {
            a.tell("q" + i);
        }
        system.stop(a);
        gate.countDown();
        awaitTerminated(system, a);
        assertThat(seen).containsExactly("block");
        assertThat(dead.messages(DeadLetterReason.STOPPED))
                .containsExactly("q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9");
    }
}
