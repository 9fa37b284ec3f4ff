package dev.crema.examples;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.SendResult;
import java.time.Duration;

/** The README's quick start. A test runs it and checks the README shows exactly this code. */
public final class QuickStart {

    private QuickStart() {
    }

    // quick-start:begin
    record Order(String drink, Addr<String> replyTo) {}

    public static void main(String[] args) throws Exception {
        try (ActorSystem system = ActorSystem.create("shop")) {
            // an actor comes from a factory; a stateless one is a lambda. A restart calls the factory again.
            Addr<Order> barista = system.spawn("barista", ctx -> order ->
                    order.replyTo().tell("one " + order.drink() + ", coming up"));
            Addr<String> counter = system.spawn("counter", ctx -> System.out::println);

            barista.tell(new Order("espresso", counter));                  // never blocks
            SendResult r = barista.trySend(new Order("mocha", counter));   // ACCEPTED, FULL or STOPPED
            System.out.println("mocha: " + r);

            // request/reply with a timeout; no actor is spawned per ask
            String reply = barista.ask(String.class, me -> new Order("latte", me), Duration.ofSeconds(2)).get();
            System.out.println("asked: " + reply);
        } // close(): graceful shutdown; each actor handles what is already in its mailbox first
    }
    // quick-start:end
}
