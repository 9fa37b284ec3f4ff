package dev.crema.examples;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.RegistryKey;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The registry: typed names for actors. Register, look up, wait for a name that is not there yet, and
 * see the name released when its actor stops. A lookup with the wrong message type fails instead of
 * handing back a wrongly typed address. {@code mvn -q -pl actor-examples -am compile exec:java
 * -Dexec.mainClass=dev.crema.examples.RegistryExample}
 */
public final class RegistryExample {

    private RegistryExample() {
    }

    static final RegistryKey<String> CASHIER = RegistryKey.of("cashier", String.class);
    static final RegistryKey<String> BARISTA = RegistryKey.of("barista", String.class);

    public static void main(String[] args) throws Exception {
        try (ActorSystem system = ActorSystem.create("registry")) {
            CompletableFuture<String> heard = new CompletableFuture<>();
            Addr<String> cashier = system.spawn("cashier", ctx -> heard::complete);
            system.registry().register(CASHIER, cashier);

            system.registry().lookup(CASHIER).orElseThrow().tell("one latte, please");
            System.out.println("the cashier heard: " + heard.get(5, TimeUnit.SECONDS));

            // someone can wait for a name before its actor exists
            CompletableFuture<Addr<String>> later = system.registry().whenRegistered(BARISTA, Duration.ofSeconds(5));
            system.registry().register(BARISTA, system.spawn("barista", ctx -> msg -> { }));
            System.out.println("the barista showed up at " + later.get(5, TimeUnit.SECONDS));

            try {
                system.registry().lookup(RegistryKey.of("cashier", Integer.class));
            } catch (IllegalArgumentException e) {
                System.out.println("wrong type: " + e.getMessage());
            }

            system.stop(cashier);
            system.whenTerminated(cashier).get(5, TimeUnit.SECONDS);
            System.out.println("after the cashier stopped: lookup " + system.registry().lookup(CASHIER)
                    + ", names " + system.registry().names());
        }
    }
}
