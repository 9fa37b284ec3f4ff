package dev.crema.actor;

import static dev.crema.actor.TestSupport.await;
import static dev.crema.actor.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Regression tests of issue 10, "keep every promise at the edges": interrupts that leaked from one actor to
 * the next, and a sender left waiting on a mailbox that had closed.
 */
class EdgesTest {

    private final ActorSystem system = TestSupport.newSystem("edges", SystemConfig.defaults().withParallelism(1));

    @AfterEach
    void shutdown() {
        system.shutdown(TestSupport.SHUTDOWN);
    }

    @Test
    void interruptSetByOneActor_doesNotLeakIntoTheNextActorOnThatThread() throws Exception {
        // one worker thread: the second actor runs on the thread the first one interrupted
        Addr<String> rude = system.spawn("rude", ctx -> m -> Thread.currentThread().interrupt());
        CompletableFuture<Object> polite = new CompletableFuture<>();
        Addr<String> next = system.spawn("next", ctx -> m -> {
            try {
                polite.complete(new ArrayBlockingQueue<String>(1).poll(0, TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                polite.complete(e);
            }
        });
        for (int i = 0; i < 100; i++) {
            rude.tell("interrupt yourself");
        }
        next.tell("poll");
        assertThat(get(polite)).as("the next actor's poll(0) returned normally (null), it was not interrupted").isNull();
    }

    @Test
    void senderWaitingForRoom_isToldStopped_assoonAsTheStopIsAskedFor_notWhenTheActorTerminates() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Addr<String> busy = system.spawn("busy", ctx -> m -> {
            running.countDown();
            TestSupport.block(release); // busy: it takes the stop only after this message
        }, TestSupport.BLOCKS.withMailbox(Mailbox.bounded(2))); // "block" keeps its place while handled
        busy.tell("block");
        await(running, "the handler to run");
        assertThat(busy.trySend("fills the mailbox")).isEqualTo(SendResult.ACCEPTED);
        CompletableFuture<SendResult> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return busy.send("waits for room", Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            system.stop(busy);
            // the handler is still blocked, so the actor has not even taken the stop: the sender learns at once
            assertThat(get(waiting)).isEqualTo(SendResult.STOPPED);
            assertThat(busy.trySend("after the stop")).isEqualTo(SendResult.STOPPED);
        } finally {
            release.countDown();
        }
    }
}
