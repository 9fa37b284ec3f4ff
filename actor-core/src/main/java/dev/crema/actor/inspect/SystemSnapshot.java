package dev.crema.actor.inspect;

import dev.crema.actor.DeadLetterReason;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A picture of a running actor system: the tree of its live actors ({@link ActorSnapshot}, from the
 * top-level actors down) and its totals, from {@link dev.crema.actor.ActorSystem#inspect()}. Taking one
 * walks the tree once and reads counters the runtime keeps anyway; nothing is counted per message for it.
 * {@link #toTree()} prints it, like Erlang's observer, for a log or a report:
 *
 * <pre>
 * crema://shop/user                              status    mailbox     taken  fail  rest  dead
 * ├─ cashier                                     RUNNING    3/10        2739     0     0     0
 * └─ manager                                     RUNNING    0/1000        12     0     0     0
 *    ├─ barista-1                                RUNNING    0/1000       530    27    27    27
 * </pre>
 *
 * @param system      the system's name
 * @param takenAt     when the picture was taken
 * @param liveActors  actors alive, the root guardian excluded
 * @param deadLetters the system's dead letters so far, by reason
 * @param topLevel    the top-level actors, in start order, each with its descendants
 *
 * <p>Immutable and thread-safe.
 */
public record SystemSnapshot(String system, Instant takenAt, long liveActors, Map<DeadLetterReason, Long> deadLetters,
                             List<ActorSnapshot> topLevel) {

    /**
     * Creates a snapshot; the collections are copied.
     *
     * @param system      the system's name
     * @param takenAt     when
     * @param liveActors  live actors
     * @param deadLetters dead letters by reason
     * @param topLevel    the top-level actors
     */
    public SystemSnapshot {
        EnumMap<DeadLetterReason, Long> byReason = new EnumMap<>(DeadLetterReason.class);
        byReason.putAll(deadLetters);
        deadLetters = Collections.unmodifiableMap(byReason);
        topLevel = List.copyOf(topLevel);
    }

    /** {@return every live actor, parents before children} */
    public Stream<ActorSnapshot> actors() {
        return topLevel.stream().flatMap(ActorSnapshot::flatten);
    }

    /**
     * One actor by its path.
     *
     * @param path e.g. {@code crema://shop/user/manager/barista-1}
     * @return its snapshot, or empty if no live actor has that path
     */
    public Optional<ActorSnapshot> find(String path) {
        return actors().filter(a -> a.path().equals(path)).findFirst();
    }

    /** {@return messages waiting in all mailboxes} */
    public long messagesQueued() {
        return actors().mapToLong(ActorSnapshot::mailboxSize).sum();
    }

    /** {@return the tree as text, one line per actor, with status, mailbox, messages taken, failures, restarts and dead letters} */
    public String toTree() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-46s %-10s %9s %9s %5s %5s %5s%n", "crema://" + system + "/user", "status", "mailbox",
                "taken", "fail", "rest", "dead"));
        // a stack of our own, not recursion: a chain of actors thousands deep must not overflow the caller's
        record Line(ActorSnapshot actor, String indent, boolean last) {
        }
        ArrayDeque<Line> stack = new ArrayDeque<>();
        for (int i = topLevel.size() - 1; i >= 0; i--) {
            stack.push(new Line(topLevel.get(i), "", i == topLevel.size() - 1));
        }
        while (!stack.isEmpty()) {
            Line l = stack.pop();
            line(sb, l.actor(), l.indent(), l.last());
            List<ActorSnapshot> kids = l.actor().children();
            String inner = l.indent() + (l.last() ? "   " : "│  ");
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(new Line(kids.get(i), inner, i == kids.size() - 1));
            }
        }
        sb.append(String.format("%d actors, %d messages queued, %d dead letters%n", liveActors, messagesQueued(),
                deadLetters.values().stream().mapToLong(Long::longValue).sum()));
        return sb.toString();
    }

    private static void line(StringBuilder sb, ActorSnapshot a, String indent, boolean last) {
        String label = indent + (last ? "└─ " : "├─ ") + a.name();
        String mailbox = a.mailboxSize() + "/" + (a.mailboxCapacity() < 0 ? "∞" : String.valueOf(a.mailboxCapacity()));
        sb.append(String.format("%-46s %-10s %9s %9d %5d %5d %5d%n", label, a.status(), mailbox, a.messagesTaken(),
                a.failures(), a.restarts(), a.deadLetterCount()));
    }
}
