package dev.crema.bench;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded waits: a benchmark that loses a message fails with a message instead of hanging. */
public final class Sync {

    /** The longest any single job may take; {@code -Dcrema.bench.timeoutSeconds} overrides 60 s. */
    public static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("crema.bench.timeoutSeconds", 60));

    private Sync() {
    }

    /**
     * Waits for a latch.
     *
     * @param latch the latch
     * @param what  names the job in the failure
     * @throws InterruptedException if interrupted
     * @throws TimeoutException     if it did not open within {@link #TIMEOUT}
     */
    public static void await(CountDownLatch latch, String what) throws InterruptedException, TimeoutException {
        await(latch, what, TIMEOUT);
    }

    /**
     * Waits for a latch, with a bound of its own (for jobs whose size makes {@link #TIMEOUT} too short).
     *
     * @param latch   the latch
     * @param what    names the job in the failure
     * @param timeout the bound
     * @throws InterruptedException if interrupted
     * @throws TimeoutException     if it did not open within {@code timeout}
     */
    public static void await(CountDownLatch latch, String what, Duration timeout)
            throws InterruptedException, TimeoutException {
        if (!latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException(what + " did not complete within " + timeout + " (" + latch.getCount()
                    + " still to count down): a message was lost or an actor is stuck");
        }
    }

    /**
     * Waits for a future.
     *
     * @param stage the future
     * @param what  names the job in the failure
     * @param <T>   the result type
     * @return the result
     * @throws Exception if it failed or timed out
     */
    public static <T> T get(CompletionStage<T> stage, String what) throws Exception {
        try {
            return stage.toCompletableFuture().get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException(what + " got no reply within " + TIMEOUT);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed", e.getCause());
        }
    }
}
