package dev.crema.testkit.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.StringJoiner;

/** How messages and moments read in failure messages: short, typed, quoted where that helps. */
public final class Describe {

    private static final int MAX = 200;

    private Describe() {
    }

    /**
     * {@return {@code "text"} for strings, {@code 42 (Integer)} for values whose {@code toString()} does not
     * name their class, {@code Order[drink=latte]} for records; cut to 200 characters}
     *
     * @param message the message, may be {@code null}
     */
    public static String message(Object message) {
        if (message == null) {
            return "null";
        }
        String s;
        if (message instanceof CharSequence cs) {
            s = "\"" + cs + "\"";
        } else {
            String text = String.valueOf(message);
            String type = message.getClass().getSimpleName();
            s = type.isEmpty() || text.startsWith(type) ? text : text + " (" + type + ")";
        }
        return s.length() <= MAX ? s : s.substring(0, MAX) + "...";
    }

    /**
     * {@return the messages, each described, comma-separated; the first {@code limit} and a count of the rest}
     *
     * @param messages the messages
     * @param limit    how many to show
     */
    public static String messages(Collection<?> messages, int limit) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        int shown = 0;
        for (Object m : messages) {
            if (shown++ == limit) {
                j.add("and " + (messages.size() - limit) + " more");
                break;
            }
            j.add(message(m));
        }
        return j.toString();
    }

    /**
     * {@return when a message was recorded, e.g. {@code at +1.2 s} or {@code at manual time 1m 00s}}
     *
     * @param r           the recorded message
     * @param originNanos the real time the probe was made
     */
    public static String when(Received<?> r, long originNanos) {
        Duration real = Duration.ofNanos(r.realNanos() - originNanos);
        return r.manualTime() == null ? "at +" + Durations.format(real)
                : "at manual time " + Durations.format(r.manualTime());
    }
}
