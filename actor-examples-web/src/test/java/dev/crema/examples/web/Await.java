package dev.crema.examples.web;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits for a condition, with a failure that says what was expected and what was last seen. */
final class Await {

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        until(what, TestClient.WAIT, condition, () -> "");
    }

    static void until(String what, Duration atMost, BooleanSupplier condition, Supplier<String> lastSeen)
            throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("waited " + atMost + " for " + what + "; last seen: " + lastSeen.get());
            }
            Thread.sleep(10);
        }
    }
}
