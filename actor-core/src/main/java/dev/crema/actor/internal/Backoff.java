package dev.crema.actor.internal;

import dev.crema.actor.SendResult;
import java.util.concurrent.locks.LockSupport;

/**
 * The waiting half of {@link dev.crema.actor.Addr#send}: retries a full mailbox with exponential
 * parking (1 µs doubling to 1 ms) until it takes the message, the actor stops, or the deadline passes.
 * Polling keeps the consumer free of any per-message check for waiters; the cost is up to 1 ms of extra
 * latency for a producer that waited long, which is the case where latency was already lost.
 */
final class Backoff {

    private static final long MIN_PARK_NANOS = 1_000;
    private static final long MAX_PARK_NANOS = 1_000_000;

    private Backoff() {
    }

    static SendResult offerUntil(MailboxCell cell, Object message, long timeoutNanos) throws InterruptedException {
        Timeline clock = cell.props.runtime.timers(); // real time, or the manual clock's
        long start = clock.now();
        long park = MIN_PARK_NANOS;
        for (;;) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for room in " + cell);
            }
            long left = timeoutNanos - (clock.now() - start); // no overflow for a timeout of Long.MAX_VALUE
            if (left <= 0) {
                return SendResult.FULL;
            }
            LockSupport.parkNanos(Math.min(park, left)); // real parking either way: a manual clock moves meanwhile
            park = Math.min(park << 1, MAX_PARK_NANOS);
            SendResult r = cell.offer(message);
            if (r != SendResult.FULL) {
                return r;
            }
        }
    }
}
