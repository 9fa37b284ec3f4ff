package dev.crema.examples;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.AskRejectedException;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.Dispatcher;
import dev.crema.actor.Mailbox;
import dev.crema.actor.SendResult;
import dev.crema.actor.SpawnOptions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A bounded mailbox says no early, and each way of sending says it differently: {@code trySend}
 * returns FULL, {@code tell} dead-letters the message (counted, with its reason), {@code ask} fails at
 * once, and {@code send} waits for room. The printer is out of paper (blocked on a latch, so it runs on
 * the blocking dispatcher) until the example refills it. {@code mvn -q -pl actor-examples -am compile
 * exec:java -Dexec.mainClass=dev.crema.examples.Backpressure}
 */
public final class Backpressure {

    private Backpressure() {
    }

    record Page(int number, Addr<String> replyTo) {}

    public static void main(String[] args) throws Exception {
        CountDownLatch paper = new CountDownLatch(1);
        CountDownLatch printed = new CountDownLatch(4);
        try (ActorSystem system = ActorSystem.create("backpressure")) {
            Addr<Page> printer = system.spawn("printer", ctx -> page -> {
                paper.await(); // out of paper until refilled
                printed.countDown();
                if (page.replyTo() != null) {
                    page.replyTo().tell("printed page " + page.number());
                }
            }, SpawnOptions.defaults()
                    .withMailbox(Mailbox.bounded(3))
                    .withThroughput(1)                  // hand back each place at once: exact counts
                    .withDispatcher(Dispatcher.BLOCKING)); // it blocks, so keep it off the shared threads

            for (int n = 1; n <= 4; n++) {
                System.out.println("trySend page " + n + ": " + printer.trySend(new Page(n, null)));
            }
            printer.tell(new Page(5, null));
            System.out.println("tell page 5: dead letters MAILBOX_FULL="
                    + system.deadLetters().count(DeadLetterReason.MAILBOX_FULL));
            try {
                printer.ask(String.class, me -> new Page(6, me), Duration.ofSeconds(1)).get();
            } catch (ExecutionException e) {
                AskRejectedException rejected = (AskRejectedException) e.getCause();
                System.out.println("ask page 6: rejected at once, " + rejected.result());
            }

            paper.countDown(); // refilled
            SendResult r = printer.send(new Page(7, null), Duration.ofSeconds(5));
            System.out.println("send page 7 (waits for room): " + r);
            System.out.println("printed " + (printed.await(5, TimeUnit.SECONDS) ? "all accepted pages" : "too few"));
        }
    }
}
