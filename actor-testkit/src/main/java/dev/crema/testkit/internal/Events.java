package dev.crema.testkit.internal;

import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.inspect.ActorSnapshot;
import dev.crema.actor.inspect.SystemSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What went wrong in a test's actor system, as the test kit heard it: every dead letter (a {@code FAILED}
 * one is a failure of the actor that was handling it), every failure escalated past the top, and every
 * actor spawned through the kit that stopped because it failed. {@link #verify} turns the ones a test did
 * not allow into an {@link AssertionError}.
 *
 * <h2>Concurrency</h2>
 * Events arrive on any thread (dead letters on the thread that produced them, escalations on the root
 * guardian's, terminations on the watched actor's); the list is guarded by this object's monitor, which is
 * held only to add or copy, never while calling out. {@link #verify} takes what arrived since the previous
 * verify (a mark), so a system shared by several tests charges each event to the test it happened in.
 *
 * <h2>Failures without a dead letter</h2>
 * A failure while starting (in the factory or {@code preStart}) has no message to dead-letter. If the actor
 * is still alive when the kit verifies (its parent restarted or resumed it), the system's snapshot counts
 * the failure ({@link ActorSnapshot#failures()}); the kit compares that count with the distinct causes it
 * heard of for the same path, and reports the difference, without a cause (the runtime logs it).
 */
public final class Events implements Consumer<DeadLetter> {

    /** One thing that went wrong. */
    private record Event(String text, DeadLetter letter, Throwable cause) {
    }

    private final List<Event> events = new ArrayList<>();
    private final List<DeadLetter> letters = new ArrayList<>();
    /** Per path, the distinct failures heard of, and how many unheard ones were reported already. */
    private final Map<String, Set<Throwable>> heard = new HashMap<>();
    private final Map<String, Long> unheardReported = new HashMap<>();
    private int mark;

    @Override
    public void accept(DeadLetter letter) {
        String text = letter.reason() == DeadLetterReason.FAILED
                ? "failure: " + letter.recipient() + " failed on " + Describe.message(letter.message()) + ": " + letter.cause()
                : "dead letter " + letter.reason() + " to " + letter.recipient() + ": " + Describe.message(letter.message());
        synchronized (this) {
            letters.add(letter);
            events.add(new Event(text, letter, letter.cause()));
            if (letter.reason() == DeadLetterReason.FAILED && letter.cause() != null) {
                heard(letter.recipient(), letter.cause());
            }
        }
    }

    private void heard(String path, Throwable cause) {
        heard.computeIfAbsent(path, p -> Collections.newSetFromMap(new IdentityHashMap<>())).add(cause);
    }

    /**
     * A failure escalated past a top-level actor.
     *
     * @param actor the top-level actor
     * @param cause the failure
     */
    public void escalated(Addr<?> actor, Throwable cause) {
        add(actor.path(), "failure: escalated past the top by " + actor + ": " + cause, cause);
    }

    /**
     * An actor spawned through the kit stopped because it failed (when starting, say: then no message was
     * dead-lettered). A cause already heard of is not counted twice.
     *
     * @param actor the actor
     * @param cause the failure
     */
    public void stoppedByFailure(Addr<?> actor, Throwable cause) {
        add(actor.path(), "failure: " + actor + " stopped: " + cause, cause);
    }

    private synchronized void add(String path, String text, Throwable cause) {
        heard(path, cause);
        for (Event e : events) {
            if (e.cause() == cause) {
                return; // the same failure, told by its dead letter or by an escalation already
            }
        }
        events.add(new Event(text, null, cause));
    }

    /** {@return every dead letter heard so far, in order} */
    public synchronized List<DeadLetter> deadLetters() {
        return List.copyOf(letters);
    }

    /** Adds an event for failures of a live actor that no dead letter or notice told of. Under the monitor. */
    private void unheardFailures(ActorSnapshot actor) {
        long known = heard.getOrDefault(actor.path(), Set.of()).size() + unheardReported.getOrDefault(actor.path(), 0L);
        long unheard = actor.failures() - known;
        if (unheard > 0) {
            unheardReported.merge(actor.path(), unheard, Long::sum);
            events.add(new Event("failure: " + actor.path() + " failed " + unheard + (unheard == 1 ? " time" : " times")
                    + " with no message to dead-letter (while starting, say); its parent kept it (restarts "
                    + actor.restarts() + "); the cause is in the log", null, null));
        }
    }

    /**
     * Fails if anything the allowances do not cover happened since the previous call.
     *
     * @param allowances what the test expects
     * @param system     the system's name, for the message
     * @param snapshot   the system as it is now, or {@code null} once it is shut down
     * @throws AssertionError listing the unexpected events, with the first failure as its cause
     */
    public void verify(Allowances allowances, String system, SystemSnapshot snapshot) {
        List<Event> recent;
        synchronized (this) {
            if (snapshot != null) {
                snapshot.actors().forEach(this::unheardFailures);
            }
            recent = new ArrayList<>(events.subList(mark, events.size()));
            mark = events.size();
        }
        List<Event> unexpected = new ArrayList<>();
        for (Event e : recent) {
            boolean failure = e.letter() == null || e.letter().reason() == DeadLetterReason.FAILED;
            boolean allowed = failure ? e.cause() == null ? allowances.allowsSomeFailures() : allowances.allowsFailure(e.cause())
                    : allowances.allows(e.letter());
            if (!allowed) {
                unexpected.add(e);
            }
        }
        if (unexpected.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder().append(unexpected.size()).append(" unexpected event")
                .append(unexpected.size() == 1 ? "" : "s").append(" in actor system '").append(system).append("':");
        Throwable first = null;
        List<Throwable> more = new ArrayList<>();
        for (Event e : unexpected) {
            sb.append("\n  ").append(e.text());
            if (e.cause() != null) {
                if (first == null) {
                    first = e.cause();
                } else if (e.cause() != first && !more.contains(e.cause())) {
                    more.add(e.cause());
                }
            }
        }
        sb.append("\nIf the test expects them, allow them: @AllowFailures or @AllowDeadLetters on the test, or"
                + " TestKitConfig.allowFailures() / allowDeadLetters().");
        AssertionError error = new AssertionError(sb.toString(), first);
        more.forEach(error::addSuppressed);
        throw error;
    }
}
