package dev.crema.examples;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Two actors hit a ball back and forth: typed addresses travel inside messages, so an actor can answer
 * whoever sent it something. {@code mvn -q -pl actor-examples -am compile exec:java
 * -Dexec.mainClass=dev.crema.examples.PingPong}
 */
public final class PingPong {

    private PingPong() {
    }

    /** The ball: how many hits so far, and who hit it last (where to send it back). */
    record Ball(int hits, Addr<Ball> from) {}

    public static void main(String[] args) throws Exception {
        int rally = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        CompletableFuture<Integer> over = new CompletableFuture<>();
        try (ActorSystem system = ActorSystem.create("ping-pong")) {
            Addr<Ball> pong = system.spawn("pong", ctx -> ball -> {
                System.out.println("  pong " + ball.hits());
                ball.from().tell(new Ball(ball.hits() + 1, ctx.self()));
            });
            Addr<Ball> ping = system.spawn("ping", ctx -> ball -> {
                if (ball.hits() >= rally) {
                    over.complete(ball.hits());
                } else {
                    System.out.println("ping " + ball.hits());
                    ball.from().tell(new Ball(ball.hits() + 1, ctx.self()));
                }
            });
            pong.tell(new Ball(1, ping)); // serve
            System.out.println("rally over after " + over.get(5, TimeUnit.SECONDS) + " hits");
        }
    }
}
