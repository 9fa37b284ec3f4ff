package dev.crema.actor;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by {@link ShutdownTest}: starts one system with the JVM shutdown hook and one
 * without, each with an actor that prints from postStop, then lets main return so the JVM exits.
 */
public final class ShutdownHookMain {

    private ShutdownHookMain() {
    }

    public static void main(String[] args) throws Exception {
        ActorSystem hooked = ActorSystem.create("hooked", SystemConfig.defaults().withShutdownHook(true)
                .withShutdownTimeout(Duration.ofSeconds(5)));
        ActorSystem unhooked = ActorSystem.create("unhooked", SystemConfig.defaults());
        CountDownLatch started = new CountDownLatch(2);
        for (ActorSystem system : new ActorSystem[] {hooked, unhooked}) {
            system.<String>spawn("a", ctx -> new Actor<String>() {
                @Override
                public void preStart() {
                    started.countDown();
                }

                @Override
                public void receive(String msg) {
                }

                @Override
                public void postStop() {
                    System.out.println("postStop " + system.name());
                    System.out.flush();
                }
            });
        }
        if (!started.await(10, TimeUnit.SECONDS)) {
            System.out.println("actors did not start");
        }
        System.out.println("ready");
        System.out.flush();
        // main returns; the runtime's threads are daemons, so the JVM exits and runs its shutdown hooks
    }
}
