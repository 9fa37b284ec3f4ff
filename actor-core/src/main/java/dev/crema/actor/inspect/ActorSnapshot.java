package dev.crema.actor.inspect;

import dev.crema.actor.DeadLetterReason;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One actor as {@link dev.crema.actor.ActorSystem#inspect()} saw it, with its children. The figures are
 * read while the actor runs, each on its own, so they are a consistent-enough picture rather than an atomic
 * one: a count may be a message ahead of another.
 *
 * @param path            the actor's path
 * @param status          where it is in its life
 * @param dispatcher      the name of its dispatcher
 * @param mailboxSize     messages waiting in its mailbox
 * @param mailboxCapacity its mailbox's capacity, or {@code -1} for {@link dev.crema.actor.Mailbox#unbounded()}
 * @param messagesTaken   messages taken from its mailbox since it was spawned (handled, or dead-lettered by a
 *                        stop); restarts included
 * @param failures        how often it threw (from a handler, its factory, or a start hook)
 * @param restarts        how often its instance was replaced in place
 * @param deadLetters     dead letters addressed to it, by reason (only reasons that occurred)
 * @param timeInTurns     time spent in its turns, if the system measures it
 *                        ({@link dev.crema.actor.SystemConfig#withTurnTiming}), otherwise zero
 * @param children        its live children, in start order
 *
 * <p>Immutable and thread-safe.
 */
public record ActorSnapshot(String path, ActorStatus status, String dispatcher, int mailboxSize, int mailboxCapacity,
                            long messagesTaken, long failures, long restarts, Map<DeadLetterReason, Long> deadLetters,
                            Duration timeInTurns, List<ActorSnapshot> children) {

    /**
     * Creates a snapshot; the collections are copied.
     *
     * @param path            the actor's path
     * @param status          its status
     * @param dispatcher      its dispatcher's name
     * @param mailboxSize     messages waiting
     * @param mailboxCapacity capacity, or -1 for unbounded
     * @param messagesTaken   messages taken from the mailbox
     * @param failures        failures
     * @param restarts        restarts
     * @param deadLetters     dead letters by reason
     * @param timeInTurns     time in turns, or zero
     * @param children        its children
     */
    public ActorSnapshot {
        if (deadLetters.isEmpty()) {
            deadLetters = Map.of(); // the common case: no map per actor
        } else {
            EnumMap<DeadLetterReason, Long> byReason = new EnumMap<>(DeadLetterReason.class);
            byReason.putAll(deadLetters);
            deadLetters = Collections.unmodifiableMap(byReason);
        }
        children = List.copyOf(children);
    }

    /** {@return this actor's name, the last part of its path} */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@return every dead letter addressed to this actor} */
    public long deadLetterCount() {
        return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@return this actor and all its descendants, parents before children} */
    public Stream<ActorSnapshot> flatten() {
        // a stack of our own, not recursion: a chain of actors thousands deep must not overflow the caller's
        List<ActorSnapshot> out = new ArrayList<>();
        ArrayDeque<ActorSnapshot> stack = new ArrayDeque<>();
        stack.push(this);
        while (!stack.isEmpty()) {
            ActorSnapshot a = stack.pop();
            out.add(a);
            for (int i = a.children.size() - 1; i >= 0; i--) {
                stack.push(a.children.get(i)); // the first child comes off the stack first
            }
        }
        return out.stream();
    }
}
