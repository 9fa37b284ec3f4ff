package dev.crema.testkit.internal;

import dev.crema.actor.ManualClock;
import java.time.Duration;
import java.util.List;

/**
 * Writes a probe's failure message, Awaitility-style: what was expected and for how long, what arrived
 * instead and when, how long the probe waited, and the last messages it took before. One builder per
 * failure; not thread-safe.
 *
 * <pre>
 * TestProbe crema://test/user/customer: expected "one latte" within 10.0 s,
 *   but received "one mocha" after 3 ms (at +1.2 s)
 *   taken before: "hello" at +0.5 s
 * </pre>
 */
public final class ProbeFailure {

    private final StringBuilder text = new StringBuilder();
    private final ManualClock clock;
    private final long originNanos;

    /**
     * Starts a message.
     *
     * @param probe       the probe, named by its path
     * @param clock       its system's manual clock, or {@code null} on real time
     * @param originNanos when the probe was made
     */
    public ProbeFailure(Object probe, ManualClock clock, long originNanos) {
        this.clock = clock;
        this.originNanos = originNanos;
        text.append("TestProbe ").append(probe).append(": ");
    }

    /**
     * Says what was expected.
     *
     * @param what    e.g. {@code a message of class Foo}
     * @param timeout the real-time timeout
     * @return this
     */
    public ProbeFailure expected(String what, Duration timeout) {
        text.append("expected ").append(what);
        if (clock == null) {
            text.append(" within ").append(Durations.format(timeout));
        } else {
            text.append(" (manual clock at ").append(Durations.format(clock.elapsed()))
                    .append(": waited for the system to go quiet)");
        }
        return this;
    }

    /**
     * Nothing arrived.
     *
     * @param startNanos when the wait began
     * @return this
     */
    public ProbeFailure nothing(long startNanos) {
        text.append(",\n  but nothing arrived");
        if (clock == null) {
            text.append(" in ").append(waited(startNanos));
        } else {
            text.append(" before the system went quiet (after ").append(waited(startNanos))
                    .append("); on a manual clock nothing more arrives until the test moves time with advance(...)");
        }
        return this;
    }

    /**
     * Another message arrived.
     *
     * @param r          what arrived
     * @param startNanos when the wait began
     * @return this
     */
    public ProbeFailure receivedInstead(Received<?> r, long startNanos) {
        long after = Math.max(0, r.realNanos() - startNanos);
        text.append(",\n  but received ").append(Describe.message(r.message()))
                .append(after == 0 ? " (it was already waiting" : " after " + Durations.format(Duration.ofNanos(after)) + " (")
                .append(after == 0 ? ", " : "").append(Describe.when(r, originNanos)).append(')');
        return this;
    }

    /**
     * Fewer messages arrived than expected.
     *
     * @param got        those that did
     * @param startNanos when the wait began
     * @return this
     */
    public ProbeFailure onlyGot(List<?> got, long startNanos) {
        text.append(",\n  but only ").append(got.size()).append(" arrived in ").append(waited(startNanos))
                .append(got.isEmpty() ? "" : ": " + Describe.messages(got, 20));
        if (clock != null) {
            text.append(", and then the system went quiet");
        }
        return this;
    }

    /**
     * Fishing found nothing.
     *
     * @param skipped    the messages that did not match
     * @param startNanos when the fishing began
     * @return this
     */
    public ProbeFailure fishedThrough(List<?> skipped, long startNanos) {
        text.append(",\n  but none did in ").append(waited(startNanos)).append(skipped.isEmpty()
                ? ": nothing arrived" : "; skipped " + skipped.size() + ": " + Describe.messages(skipped, 20));
        if (clock != null) {
            text.append(", and then the system went quiet");
        }
        return this;
    }

    /**
     * Adds the messages taken before this expectation.
     *
     * @param before the probe's history, oldest first
     * @return this
     */
    public ProbeFailure before(List<? extends Received<?>> before) {
        if (!before.isEmpty()) {
            text.append("\n  taken before (last ").append(before.size()).append("):");
            for (Received<?> r : before) {
                text.append(' ').append(Describe.message(r.message())).append(' ').append(Describe.when(r, originNanos))
                        .append(';');
            }
            text.setLength(text.length() - 1);
        }
        return this;
    }

    /**
     * Free text, for the less common failures.
     *
     * @param line appended on a line of its own
     * @return this
     */
    public ProbeFailure line(String line) {
        text.append(",\n  ").append(line);
        return this;
    }

    private String waited(long startNanos) {
        return Durations.format(Duration.ofNanos(Math.max(0, System.nanoTime() - startNanos)));
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
