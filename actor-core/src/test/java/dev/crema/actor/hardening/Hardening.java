package dev.crema.actor.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.internal.SystemRuntime;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Shared helpers of the hardening suite: bounded polling (never sleep-then-assert), the stress level,
 * and the runtime's leak counters.
 *
 * <h2>Stress level</h2>
 * The suite runs a CI-sized load by default. {@code -Dcrema.stress=long} multiplies every volume by
 * {@link #LONG_FACTOR} for a long local run, e.g.
 * <pre>mvn -B -pl actor-core test -Dtest='*HardeningTest' -Dcrema.stress=long</pre>
 */
final class Hardening {

    static final int LONG_FACTOR = 10;

    private Hardening() {
    }

    /** Whether the long variants were asked for ({@code -Dcrema.stress=long}). */
    static boolean longRun() {
        return "long".equalsIgnoreCase(System.getProperty("crema.stress", ""));
    }

    /** {@code ci} for a CI run, times {@link #LONG_FACTOR} for a long run. */
    static long scaled(long ci) {
        return longRun() ? ci * LONG_FACTOR : ci;
    }

    static int scaled(int ci) {
        return longRun() ? ci * LONG_FACTOR : ci;
    }

    /** Polls until the condition holds; fails naming {@code what} once {@code timeout} has passed. */
    static void awaitUntil(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long park = 10_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                assertThat(condition.getAsBoolean()).as("timed out after %s waiting until %s", timeout, what).isTrue();
                return;
            }
            LockSupport.parkNanos(park);
            park = Math.min(park * 2, 2_000_000);
        }
    }

    static void awaitUntil(String what, BooleanSupplier condition) {
        awaitUntil(what, Duration.ofSeconds(30), condition);
    }

    /**
     * The runtime behind a system, for its leak counters ({@code liveActors}, {@code registrySize},
     * {@code pendingTimers}). Found by type so that a renamed field does not break the suite.
     */
    static SystemRuntime runtime(ActorSystem system) {
        for (Field f : ActorSystem.class.getDeclaredFields()) {
            if (f.getType() == SystemRuntime.class) {
                try {
                    f.setAccessible(true);
                    return (SystemRuntime) f.get(system);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("ActorSystem has no SystemRuntime field");
    }

    /** Waits until the system holds only its root guardian, no names and no timers. */
    static void awaitNoLeaks(ActorSystem system, long baselineActors) {
        SystemRuntime rt = runtime(system);
        awaitUntil("live actors back to " + baselineActors + " (now " + rt.liveActors() + ")",
                () -> rt.liveActors() == baselineActors);
        awaitUntil("registry empty (now " + rt.registrySize() + ")", () -> rt.registrySize() == 0);
        awaitUntil("no pending timers (now " + rt.pendingTimers() + ")", () -> rt.pendingTimers() == 0);
    }

    /** Used heap after a full collection, best effort (several GCs, the smallest reading). */
    static long usedHeapAfterGc() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            Runtime r = Runtime.getRuntime();
            best = Math.min(best, r.totalMemory() - r.freeMemory());
        }
        return best;
    }
}
