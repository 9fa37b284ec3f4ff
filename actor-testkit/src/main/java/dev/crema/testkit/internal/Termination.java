package dev.crema.testkit.internal;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.ManualClock;
import dev.crema.actor.Terminated;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Death watch from outside, for a probe: real time waits up to the timeout, a manual clock until quiet. */
public final class Termination {

    private Termination() {
    }

    /**
     * Waits until {@code actor} has stopped.
     *
     * @param system  the system it belongs to
     * @param actor   the actor
     * @param timeout how long to wait on real time
     * @param failure the message to fail with, already naming the probe
     * @return the notice
     * @throws AssertionError if it was still alive
     */
    public static Terminated await(ActorSystem system, Addr<?> actor, Duration timeout, ProbeFailure failure) {
        long start = System.nanoTime();
        CompletableFuture<Terminated> f = system.whenTerminated(actor);
        ManualClock clock = system.config().manualClock();
        failure.expected(actor + " to stop", timeout);
        try {
            if (clock != null) {
                clock.awaitQuiet(); // a stop that is under way finishes within the actors' turns
                if (f.isDone()) {
                    return f.get();
                }
                throw new AssertionError(failure.line("but it was still alive when the system went quiet (after "
                        + Durations.format(Duration.ofNanos(System.nanoTime() - start))
                        + "); a stop that waits for a timer (a stop policy, a backoff) needs advance(...)").toString());
            }
            return f.get(Durations.saturatedNanos(timeout), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(failure.line("but it was still alive after "
                    + Durations.format(Duration.ofNanos(System.nanoTime() - start))).toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + actor + " to stop", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("death watch of " + actor + " failed", e.getCause());
        } finally {
            f.cancel(false); // no-op if done; otherwise the runtime forgets the watch
        }
    }
}
