package dev.crema.actor.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future an {@link dev.crema.actor.Addr#ask} returns. A reply usually comes back within microseconds,
 * sooner than it takes the operating system to park a thread and wake it again; so a caller that waits
 * with {@link #get}, {@link #get(long, TimeUnit)} or {@link #join} first spins for up to
 * {@value #SPIN_NANOS} ns, and parks only if the reply has not come by then. Dependent stages
 * ({@code thenApply}, ...) are plain {@link CompletableFuture}s. Thread-safe, like its superclass.
 */
final class AskFuture<T> extends CompletableFuture<T> {

    static final long SPIN_NANOS = 50_000;

    @Override
    public T get() throws InterruptedException, ExecutionException {
        spin(SPIN_NANOS);
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        long nanos = unit.toNanos(timeout);
        long spun = spin(Math.min(nanos, SPIN_NANOS));
        return super.get(Math.max(0, nanos - spun), TimeUnit.NANOSECONDS);
    }

    @Override
    public T join() {
        spin(SPIN_NANOS);
        return super.join();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    /** Spins until done or {@code max} ns have passed; returns the time spent. */
    private long spin(long max) {
        if (isDone()) {
            return 0;
        }
        long start = System.nanoTime();
        long spent;
        do {
            Thread.onSpinWait();
            spent = System.nanoTime() - start;
        } while (!isDone() && spent < max);
        return spent;
    }
}
