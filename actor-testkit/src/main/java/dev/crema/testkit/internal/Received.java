package dev.crema.testkit.internal;

import java.time.Duration;

/**
 * A message as a probe recorded it: what, and when (real time since the probe was made, and the manual
 * clock's reading if the system runs on one). Immutable.
 *
 * @param message    the message
 * @param realNanos  {@link System#nanoTime()} when it was recorded
 * @param manualTime the manual clock's {@code elapsed()} then, or {@code null} on real time
 * @param <M>        the message type
 */
public record Received<M>(M message, long realNanos, Duration manualTime) {
}
