package dev.crema.actor.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the public entry points, with messages that name the problem. */
public final class Checks {

    private static final int MAX_NAME = 255;

    private Checks() {
    }

    /**
     * Validates a timeout and converts it to nanoseconds (saturating).
     *
     * @param timeout the timeout
     * @param what    what it is, for the message ("ask timeout")
     * @return nanoseconds, positive
     */
    public static long positiveNanos(Duration timeout, String what) {
        Objects.requireNonNull(timeout, what + " must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + timeout);
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Validates an actor name: 1 to 255 characters from letters, digits and {@code -_.:@~+=}, not
     * starting with {@code $} (reserved for generated names).
     *
     * @param name the name
     */
    public static void actorName(String name) {
        Objects.requireNonNull(name, "actor name must not be null");
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("actor name must have 1 to " + MAX_NAME + " characters, got "
                    + name.length());
        }
        if (name.charAt(0) == '$') {
            throw new IllegalArgumentException("actor name '" + name + "' must not start with '$' (reserved "
                    + "for generated names)");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.:@~+=".indexOf(c) >= 0;
            if (!ok) {
                throw new IllegalArgumentException("actor name '" + name + "' contains '" + c + "'; use letters, "
                        + "digits and -_.:@~+=");
            }
        }
    }

    /**
     * Validates a system name: 1 to 64 characters from letters, digits, {@code -} and {@code _}.
     *
     * @param name the name
     */
    public static void systemName(String name) {
        Objects.requireNonNull(name, "actor system name must not be null");
        if (name.isEmpty() || name.length() > 64) {
            throw new IllegalArgumentException("actor system name must have 1 to 64 characters, got "
                    + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                throw new IllegalArgumentException("actor system name '" + name + "' contains '" + c
                        + "'; use letters, digits, - and _");
            }
        }
    }
}
