package dev.crema.actor;

import static dev.crema.actor.TestSupport.await;
import static dev.crema.actor.TestSupport.awaitTerminated;
import static dev.crema.actor.TestSupport.awaitUntil;
import static dev.crema.actor.TestSupport.block;
import static dev.crema.actor.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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

/** Spec point 2: the Addr handle and its tell / trySend / send operations. */
class AddrTest {

    private ActorSystem system;
    private TestSupport.DeadLetterRecorder dead;

    @BeforeEach
    void start() {
        system = TestSupport.newSystem("addr");
        dead = new TestSupport.DeadLetterRecorder(system);
    }

    @AfterEach
    void stop() {
        system.shutdown(TestSupport.SHUTDOWN);
    }

    /**
     * An actor whose first message blocks until {@code gate} opens, so the test controls exactly what
     * sits in its mailbox. Records every message it handles.
     */
    private Addr<String> gated(String name, CountDownLatch started, CountDownLatch gate, List<String> seen,
                               SpawnOptions options) {
        return system.spawn(name, ctx -> msg -> {
            seen.add(msg);
            if (msg.equals("block")) {
                started.countDown();
                block(gate);
            }
        }, options);
    }

    /**
     * A gated actor with a one-message mailbox, already stuck in its handler on "block": its mailbox is
     * empty and one more message fills it.
     */
    private Addr<String> stuckWithRoomForOne(String name, CountDownLatch gate, List<String> seen) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Addr<String> a = gated(name, started, gate, seen, TestSupport.BLOCKS.withMailbox(Mailbox.bounded(1)));
        a.tell("block");
        await(started, "the actor to block");
        return a;
    }

    @Test
    void addr_isEqualForTheSameActor_whicheverWayItWasObtained() throws Exception {
        CompletableFuture<Addr<String>> self = new CompletableFuture<>();
        Addr<String> a = system.spawn("a", ctx -> {
            self.complete(ctx.self());
            return msg -> { };
        });
        Addr<String> b = system.spawn("b", ctx -> msg -> { });
        RegistryKey<String> key = RegistryKey.of("the-a", String.class);
        system.registry().register(key, a);

        assertThat(get(self)).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(system.registry().lookup(key)).contains(a);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void addr_toString_showsTheActorsPath() {
        Addr<String> a = system.spawn("cashier", ctx -> msg -> { });
        assertThat(a).hasToString("crema://addr/user/cashier");
        assertThat(a.path()).isEqualTo("crema://addr/user/cashier");
    }

    @Test
    void addr_staysValidAcrossARestart_andQueuedMessagesSurviveIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger instances = new AtomicInteger();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<Addr<String>> selves = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        Addr<String> a = system.spawn("phoenix", ctx -> {
            int n = instances.incrementAndGet();
            selves.add(ctx.self());
            return msg -> {
                seen.add(n + ":" + msg);
                switch (msg) {
                    case "block" -> {
                        started.countDown();
                        block(gate);
                    }
                    case "boom" -> throw new IllegalStateException("boom");
                    case "last" -> done.countDown();
                    default -> { }
                }
            };
        }, TestSupport.BLOCKS.withDecider(Decider.restart()));
        a.tell("block");
        await(started, "the actor to block");
        a.tell("boom");
        a.tell("q1");
        a.tell("q2");
        gate.countDown();
        a.tell("last");
        await(done, "'last'");
        assertThat(seen).containsExactly("1:block", "1:boom", "2:q1", "2:q2", "2:last");
        assertThat(selves).containsExactly(a, a);
    }

    @Test
    void tell_neverBlocks_andAFullMailboxDeadLettersWithReasonMailboxFull() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Addr<String> a = gated("small", started, gate, seen, TestSupport.BLOCKS.withMailbox(Mailbox.bounded(2)));
        a.tell("block");
        a.tell("kept");
        for (int i = 0; i < 10; i++) {
            a.tell("x" + i); // returns at once although the actor is stuck
        }
        assertThat(dead.messages(DeadLetterReason.MAILBOX_FULL))
                .containsExactly("x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9");
        assertThat(dead.matching(dl -> true)).allSatisfy(dl -> assertThat(dl.recipient()).isEqualTo(a.path()));
        assertThat(system.deadLetters().count(DeadLetterReason.MAILBOX_FULL)).isEqualTo(10);
        gate.countDown();
        awaitUntil("'kept' handled", () -> seen.contains("kept"));
        assertThat(seen).containsExactly("block", "kept");
    }

    @Test
    void tell_toAStoppedActor_deadLettersWithReasonStopped() throws Exception {
        Addr<String> a = system.spawn("gone", ctx -> msg -> { });
        system.stop(a);
        awaitTerminated(system, a);
        a.tell("hello?");
        assertThat(dead.matching(dl -> dl.message().equals("hello?")))
                .singleElement()
                .satisfies(dl -> {
                    assertThat(dl.reason()).isEqualTo(DeadLetterReason.STOPPED);
                    assertThat(dl.recipient()).isEqualTo("crema://addr/user/gone");
                });
    }

    @Test
    void trySend_reportsAcceptedFullAndStopped_asValues_andDeadLettersNothing() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Addr<String> a = gated("try", started, gate, seen, TestSupport.BLOCKS.withMailbox(Mailbox.bounded(2)));
        assertThat(a.trySend("block")).isEqualTo(SendResult.ACCEPTED);
        assertThat(a.trySend("kept")).isEqualTo(SendResult.ACCEPTED);
        assertThat(a.trySend("refused")).isEqualTo(SendResult.FULL);
        assertThat(SendResult.FULL.isAccepted()).isFalse();
        gate.countDown();
        system.stop(a);
        awaitTerminated(system, a);
        assertThat(a.trySend("late")).isEqualTo(SendResult.STOPPED);
        assertThat(seen).doesNotContain("refused", "late");
        assertThat(dead.matching(dl -> dl.message().equals("refused") || dl.message().equals("late"))).isEmpty();
    }

    @Test
    void send_waitsForRoom_andIsAcceptedOnceTheActorMakesSome() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Addr<String> a = stuckWithRoomForOne("bp", gate, seen);
        AtomicReference<SendResult> result = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                result.set(a.send("waited", TestSupport.WAIT));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "producer");
        producer.start();
        awaitUntil("the producer to wait for room", () -> producer.getState() == Thread.State.TIMED_WAITING);
        assertThat(result.get()).isNull();
        gate.countDown();
        producer.join(TestSupport.WAIT.toMillis());
        assertThat(result.get()).isEqualTo(SendResult.ACCEPTED);
        awaitUntil("'waited' handled", () -> seen.contains("waited"));
        assertThat(dead.total()).isZero();
    }

    @Test
    void send_returnsFull_whenNoRoomAppearsWithinTheTimeout() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Addr<String> a = stuckWithRoomForOne("bpfull", gate, seen);
        assertThat(a.send("never", Duration.ofMillis(30))).isEqualTo(SendResult.FULL);
        gate.countDown();
        assertThat(dead.total()).as("a refused send is reported, not dead-lettered").isZero();
    }

    @Test
    void send_toAStoppedActor_returnsStopped() throws Exception {
        Addr<String> a = system.spawn("stopped", ctx -> msg -> { });
        system.stop(a);
        awaitTerminated(system, a);
        assertThat(a.send("x", Duration.ofSeconds(1))).isEqualTo(SendResult.STOPPED);
    }

    @Test
    void send_whileWaiting_isInterruptible() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Addr<String> a = stuckWithRoomForOne("intr", gate, seen);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                a.send("x", TestSupport.WAIT);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        producer.start();
        awaitUntil("the producer to wait", () -> producer.getState() == Thread.State.TIMED_WAITING);
        producer.interrupt();
        producer.join(TestSupport.WAIT.toMillis());
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        gate.countDown();
    }

    @Test
    void send_byAnActorToItsOwnFullMailbox_failsFastWithAClearError() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Addr<String> a = system.spawn("selfish", ctx -> msg -> {
            if (msg.equals("go")) {
                try {
                    // capacity 1: the message being handled holds the only place
                    ctx.self().send("again", TestSupport.WAIT);
                    thrown.complete(null);
                } catch (Throwable t) {
                    thrown.complete(t);
                }
            }
        }, SpawnOptions.defaults().withMailbox(Mailbox.bounded(1)));
        a.tell("go");
        assertThat(get(thrown))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("crema://addr/user/selfish")
                .hasMessageContaining("own full mailbox");
    }
}
