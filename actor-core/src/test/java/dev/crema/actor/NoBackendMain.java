package dev.crema.actor;

import java.time.Duration;

/**
 * Run in a child JVM by {@link LoggingEdgesTest} with no SLF4J provider on the class path: an actor fails
 * three times and restarts; the failures must show on standard error all the same.
 */
public final class NoBackendMain {

    private NoBackendMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ActorSystem system = ActorSystem.create("nobackend")) {
            Addr<String> a = system.spawn("fragile", ctx -> m -> {
                throw new IllegalStateException("boom " + m);
            }, SpawnOptions.defaults().withDecider(Decider.restart()));
            for (int i = 1; i <= 3; i++) {
                a.tell("#" + i);
            }
            CompletableFutureWait.until(() -> system.deadLetters().count(DeadLetterReason.FAILED) == 3, Duration.ofSeconds(10));
        }
        System.out.println("done");
    }

    /** A bounded poll, so the child JVM never hangs the test. */
    static final class CompletableFutureWait {
        static void until(java.util.function.BooleanSupplier c, Duration max) throws InterruptedException {
            long end = System.nanoTime() + max.toNanos();
            while (!c.getAsBoolean() && System.nanoTime() - end < 0) {
                Thread.sleep(5);
            }
        }
    }
}
