package dev.crema.testkit.internal;

import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which actor failures and dead letters a test expects, so that they do not fail it. Immutable.
 *
 * @param allDeadLetters whether every dead letter is allowed
 * @param deadLetters    the reasons allowed, when not all are
 * @param allFailures    whether every failure is allowed
 * @param failures       the exception types allowed (subtypes included), when not all are
 */
public record Allowances(boolean allDeadLetters, Set<DeadLetterReason> deadLetters, boolean allFailures,
                         List<Class<? extends Throwable>> failures) {

    /** Nothing allowed. */
    public static final Allowances NONE = new Allowances(false, Set.of(), false, List.of());

    /**
     * Copies the collections.
     *
     * @param allDeadLetters whether every dead letter is allowed
     * @param deadLetters    the reasons allowed
     * @param allFailures    whether every failure is allowed
     * @param failures       the exception types allowed
     */
    public Allowances {
        deadLetters = deadLetters.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(deadLetters));
        failures = List.copyOf(failures);
    }

    /**
     * {@return these plus dead letters of the given reasons; none given: all}
     *
     * @param reasons the reasons
     */
    public Allowances withDeadLetters(DeadLetterReason... reasons) {
        if (reasons.length == 0) {
            return new Allowances(true, Set.of(), allFailures, failures);
        }
        Set<DeadLetterReason> more = EnumSet.noneOf(DeadLetterReason.class);
        more.addAll(deadLetters);
        Collections.addAll(more, reasons);
        return new Allowances(allDeadLetters, more, allFailures, failures);
    }

    /**
     * {@return these plus failures of the given types; none given: all}
     *
     * @param types the exception types
     */
    @SafeVarargs
    public final Allowances withFailures(Class<? extends Throwable>... types) {
        if (types.length == 0) {
            return new Allowances(allDeadLetters, deadLetters, true, List.of());
        }
        List<Class<? extends Throwable>> more = new ArrayList<>(failures);
        for (Class<? extends Throwable> type : types) {
            more.add(type);
        }
        return new Allowances(allDeadLetters, deadLetters, allFailures, more);
    }

    /**
     * {@return both sets of allowances together}
     *
     * @param other the others
     */
    public Allowances and(Allowances other) {
        Set<DeadLetterReason> reasons = EnumSet.noneOf(DeadLetterReason.class);
        reasons.addAll(deadLetters);
        reasons.addAll(other.deadLetters);
        List<Class<? extends Throwable>> types = new ArrayList<>(failures);
        types.addAll(other.failures);
        return new Allowances(allDeadLetters || other.allDeadLetters, reasons, allFailures || other.allFailures, types);
    }

    /**
     * {@return whether a dead letter (not a {@code FAILED} one: that is a failure) is allowed}
     *
     * @param letter the dead letter
     */
    public boolean allows(DeadLetter letter) {
        return allDeadLetters || deadLetters.contains(letter.reason());
    }

    /** {@return whether any failure is allowed: then a failure whose cause the kit does not know is too} */
    public boolean allowsSomeFailures() {
        return allFailures || !failures.isEmpty();
    }

    /**
     * {@return whether a failure with this cause is allowed}
     *
     * @param cause the failure
     */
    public boolean allowsFailure(Throwable cause) {
        if (allFailures) {
            return true;
        }
        for (Class<? extends Throwable> t : failures) {
            if (t.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
