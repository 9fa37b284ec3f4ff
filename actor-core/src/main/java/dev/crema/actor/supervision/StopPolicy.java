package dev.crema.actor.supervision;

import dev.crema.actor.internal.Checks;
import java.time.Duration;

/**
 * How a supervisor stops a child (OTP's {@code shutdown}): gracefully with a time limit, at once, or
 * waiting as long as it takes. A graceful stop lets the child handle what is already in its mailbox and
 * stop its own children; when the limit passes it is stopped at once: the rest of its mailbox is
 * dead-lettered and, if a handler is still running, its thread is interrupted.
 *
 * <p>Defaults: {@link #after(Duration) after} 5 s for workers, {@link #waitForever()} for supervisors.
 * Immutable and thread-safe.
 */
public final class StopPolicy {

    private static final StopPolicy NOW = new StopPolicy(0);
    private static final StopPolicy FOREVER = new StopPolicy(Long.MAX_VALUE);
    static final StopPolicy WORKER_DEFAULT = new StopPolicy(Duration.ofSeconds(5).toNanos());

    private final long nanos;

    private StopPolicy(long nanos) {
        this.nanos = nanos;
    }

    /**
     * Stop gracefully, then at once after {@code timeout}.
     *
     * @param timeout positive
     * @return the policy
     * @throws NullPointerException     if {@code timeout} is {@code null}
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public static StopPolicy after(Duration timeout) {
        long n = Checks.positiveNanos(timeout, "stop timeout");
        return n == Long.MAX_VALUE ? FOREVER : new StopPolicy(n);
    }

    /** {@return a policy that stops the child at once (OTP's {@code brutal_kill})} */
    public static StopPolicy now() {
        return NOW;
    }

    /** {@return a policy that waits as long as the child takes (OTP's {@code infinity}; the default for child supervisors)} */
    public static StopPolicy waitForever() {
        return FOREVER;
    }

    /** {@return the limit in nanoseconds: 0 for {@link #now()}, {@link Long#MAX_VALUE} for {@link #waitForever()}} */
    public long nanos() {
        return nanos;
    }

    @Override
    public String toString() {
        return nanos == 0 ? "StopPolicy[now]" : nanos == Long.MAX_VALUE ? "StopPolicy[wait forever]"
                : "StopPolicy[after " + Duration.ofNanos(nanos) + "]";
    }
}
