package dev.crema.testkit.internal;

import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import java.util.ArrayList;
import java.util.List;
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
 */
public final class Events implements Consumer<DeadLetter> {

    /** One thing that went wrong. */
    private record Event(String text, DeadLetter letter, Throwable cause) {
    }

    private final List<Event> events = new ArrayList<>();
    private final List<DeadLetter> letters = new ArrayList<>();
    private int mark;

    @Override
    public void accept(DeadLetter letter) {
        String text = letter.reason() == DeadLetterReason.FAILED
                ? "failure: " + letter.recipient() + " failed on " + Describe.message(letter.message()) + ": " + letter.cause()
                : "dead letter " + letter.reason() + " to " + letter.recipient() + ": " + Describe.message(letter.message());
        synchronized (this) {
            letters.add(letter);
            events.add(new Event(text, letter, letter.cause()));
        }
    }

    /**
     * A failure escalated past a top-level actor.
     *
     * @param actor the top-level actor
     * @param cause the failure
     */
    public void escalated(Addr<?> actor, Throwable cause) {
        add("failure: escalated past the top by " + actor + ": " + cause, cause);
    }

    /**
     * An actor spawned through the kit stopped because it failed (when starting, say: then no message was
     * dead-lettered). A cause already heard of is not counted twice.
     *
     * @param actor the actor
     * @param cause the failure
     */
    public void stoppedByFailure(Addr<?> actor, Throwable cause) {
        add("failure: " + actor + " stopped: " + cause, cause);
    }

    private synchronized void add(String text, Throwable cause) {
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

    /**
     * Fails if anything the allowances do not cover happened since the previous call.
     *
     * @param allowances what the test expects
     * @param system     the system's name, for the message
     * @throws AssertionError listing the unexpected events, with the first failure as its cause
     */
    public void verify(Allowances allowances, String system) {
        List<Event> recent;
        synchronized (this) {
            recent = new ArrayList<>(events.subList(mark, events.size()));
            mark = events.size();
        }
        List<Event> unexpected = new ArrayList<>();
        for (Event e : recent) {
            boolean failure = e.letter() == null || e.letter().reason() == DeadLetterReason.FAILED;
            if (failure ? !allowances.allowsFailure(e.cause()) : !allowances.allows(e.letter())) {
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
