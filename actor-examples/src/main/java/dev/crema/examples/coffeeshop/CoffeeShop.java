package dev.crema.examples.coffeeshop;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.ShutdownReport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Placeholder for the coffee-shop simulation (its own issue builds the real shop): a barista actor
 * brews a few orders for waiting customers, then the shop closes and prints its shutdown report. The
 * README's first command runs this class and will keep running it when the real shop lands.
 */
public final class CoffeeShop {

    private CoffeeShop() {
    }

    record Order(int number, String drink, Addr<String> replyTo) {}

    public static void main(String[] args) throws Exception {
        String[] menu = {"espresso", "latte", "mocha", "flat white", "cortado"};
        AtomicInteger brewed = new AtomicInteger();
        ActorSystem shop = ActorSystem.create("coffee-shop");
        Addr<Order> barista = shop.spawn("barista", ctx -> order -> {
            brewed.incrementAndGet();
            order.replyTo().tell("order " + order.number() + ": " + order.drink() + " is ready");
        });
        CompletableFuture<?>[] waiting = new CompletableFuture<?>[10];
        for (int i = 0; i < waiting.length; i++) {
            int n = i + 1;
            String drink = menu[i % menu.length];
            waiting[i] = barista.<String>ask(me -> new Order(n, drink, me), Duration.ofSeconds(2))
                    .thenAccept(System.out::println);
        }
        CompletableFuture.allOf(waiting).get();
        ShutdownReport report = shop.shutdown(Duration.ofSeconds(5));
        System.out.println("brewed " + brewed.get() + " drinks; " + report);
    }
}
