package dev.crema.actor.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

/**
 * Crema's JDK Flight Recorder events, all named {@code dev.crema.*} under the category "Crema", and the
 * static methods the runtime calls to emit them. Every method first asks whether its event is enabled
 * (JFR makes that one read of a static field, no allocation), and only then builds the event and computes
 * its fields, so with no recording running the cost is that check on paths that are already rare (a
 * failure, a refusal, a stop) and, for the slow-turn event, one check per turn.
 *
 * <p>Thread-safe: events are built and committed by the thread that emits them.
 */
final class CremaEvents {

    private static final String CATEGORY = "Crema";

    // shared instances used only to ask whether the event is enabled, never committed
    private static final Failed FAILED = new Failed();
    private static final Restarted RESTARTED = new Restarted();
    private static final Stopped STOPPED = new Stopped();
    private static final DeadLettered DEAD_LETTERED = new DeadLettered();
    private static final MailboxFull MAILBOX_FULL = new MailboxFull();
    private static final SlowTurn SLOW_TURN = new SlowTurn();
    private static final Starvation STARVATION = new Starvation();

    private CremaEvents() {
    }

    @Name("dev.crema.ActorFailed")
    @Label("Actor Failed")
    @Category(CATEGORY)
    @Description("An actor threw; what its parent decided")
    @StackTrace(false)
    static final class Failed extends Event {
        @Label("Actor") String path;
        @Label("Exception") String exception;
        @Label("Message") String message;
        @Label("Directive") String directive;
    }

    @Name("dev.crema.ActorRestarted")
    @Label("Actor Restarted")
    @Category(CATEGORY)
    @Description("An actor's instance was replaced in place; its address and mailbox were kept")
    @StackTrace(false)
    static final class Restarted extends Event {
        @Label("Actor") String path;
        @Label("Cause") String cause;
    }

    @Name("dev.crema.ActorStopped")
    @Label("Actor Stopped")
    @Category(CATEGORY)
    @Description("An actor terminated")
    @StackTrace(false)
    static final class Stopped extends Event {
        @Label("Actor") String path;
        @Label("Cause") String cause;
        @Label("Forced") @Description("Stopped at once by a shutdown past its graceful budget or a stop policy")
        boolean forced;
    }

    @Name("dev.crema.DeadLetter")
    @Label("Dead Letter")
    @Category(CATEGORY)
    @Description("Messages that could not be delivered (a stopping actor's backlog is one event with its count)")
    @StackTrace(false)
    static final class DeadLettered extends Event {
        @Label("Recipient") String recipient;
        @Label("Reason") String reason;
        @Label("Message Type") String messageType;
        @Label("Count") long count;
    }

    @Name("dev.crema.MailboxFull")
    @Label("Mailbox Full")
    @Category(CATEGORY)
    @Description("A send was refused because the actor's mailbox was at capacity")
    @StackTrace(false)
    static final class MailboxFull extends Event {
        @Label("Actor") String path;
        @Label("Capacity") int capacity;
    }

    @Name("dev.crema.SlowTurn")
    @Label("Slow Turn")
    @Category(CATEGORY)
    @Description("A turn of an actor (a batch of its messages) that took longer than the threshold; off unless "
            + "enabled, since it times every turn")
    @Threshold("20 ms")
    @StackTrace(false)
    // Off by default, unlike the others: while on, every turn reads the clock twice and builds an event, which
    // halved ping-pong (one message per turn) in ObservabilityCostBench; the JDK's settings files do not name
    // it, so without this any recording would switch it on. Enable with +dev.crema.SlowTurn#enabled=true.
    @Enabled(false)
    static final class SlowTurn extends Event {
        @Label("Actor") String path;
        @Label("Dispatcher") String dispatcher;
    }

    @Name("dev.crema.Starvation")
    @Label("Starvation Detected")
    @Category(CATEGORY)
    @Description("A turn held a thread of the default dispatcher past the starvation threshold")
    @StackTrace(false)
    static final class Starvation extends Event {
        @Label("Actor") String path;
        @Label("Thread") String thread;
        @Label("Running For") @Timespan(Timespan.NANOSECONDS) long runningNanos;
    }

    @Name("dev.crema.Shutdown")
    @Label("Actor System Shutdown")
    @Category(CATEGORY)
    @Description("The figures of a shutdown report")
    @StackTrace(false)
    static final class ShutdownDone extends Event {
        @Label("System") String system;
        @Label("Stopped Gracefully") long stoppedGracefully;
        @Label("Stopped Forcibly") long stoppedForcibly;
        @Label("Messages Drained") long drained;
        @Label("Messages Dead-Lettered") long deadLettered;
        @Label("Unresponsive Actors") int unresponsive;
        @Label("Messages Abandoned") long abandoned;
        @Label("Within Deadline") boolean withinDeadline;
    }

    @Name("dev.crema.MailboxDepth")
    @Label("Mailbox Depth")
    @Category(CATEGORY)
    @Description("A periodic sample of the deepest mailboxes of every running actor system")
    @Period("1 s")
    @StackTrace(false)
    static final class MailboxDepth extends Event {
        @Label("Actor") String path;
        @Label("Queued") long queued;
        @Label("Capacity") int capacity;
    }

    // ---------------------------------------------------------------- emitters

    static void failed(ActorCell<?> cell, Throwable cause, Object message, String directive) {
        if (FAILED.isEnabled()) {
            Failed e = new Failed();
            if (e.shouldCommit()) {
                e.path = cell.path();
                e.exception = cause.getClass().getName();
                e.message = message == null ? null : message.getClass().getName();
                e.directive = directive;
                e.commit();
            }
        }
    }

    static void restarted(ActorCell<?> cell, Throwable cause) {
        if (RESTARTED.isEnabled()) {
            Restarted e = new Restarted();
            if (e.shouldCommit()) {
                e.path = cell.path();
                e.cause = cause == null ? null : cause.getClass().getName();
                e.commit();
            }
        }
    }

    static void stopped(ActorCell<?> cell, Throwable cause, boolean forced) {
        if (STOPPED.isEnabled()) {
            Stopped e = new Stopped();
            if (e.shouldCommit()) {
                e.path = cell.path();
                e.cause = cause == null ? null : cause.getClass().getName();
                e.forced = forced;
                e.commit();
            }
        }
    }

    static void deadLettered(String recipient, Object message, dev.crema.actor.DeadLetterReason reason, long count) {
        if (DEAD_LETTERED.isEnabled()) {
            DeadLettered e = new DeadLettered();
            if (e.shouldCommit()) {
                e.recipient = recipient;
                e.reason = reason.name();
                e.messageType = message == null ? null : message.getClass().getName();
                e.count = count;
                e.commit();
            }
        }
    }

    static void mailboxFull(MailboxCell cell) {
        if (MAILBOX_FULL.isEnabled()) {
            MailboxFull e = new MailboxFull();
            if (e.shouldCommit()) {
                e.path = cell.toString();
                e.capacity = cell.props.capacity;
                e.commit();
            }
        }
    }

    /** At the start of a turn: a started event, or null when the slow-turn event is off (the common case). */
    static SlowTurn beginTurn() {
        if (!SLOW_TURN.isEnabled()) {
            return null;
        }
        SlowTurn e = new SlowTurn();
        e.begin();
        return e;
    }

    static void endTurn(SlowTurn e, MailboxCell cell) {
        e.end();
        if (e.shouldCommit()) { // only past the threshold
            e.path = cell.toString();
            e.dispatcher = cell.props.dispatcherName;
            e.commit();
        }
    }

    static void starvation(String path, String thread, long runningNanos) {
        if (STARVATION.isEnabled()) {
            Starvation e = new Starvation();
            if (e.shouldCommit()) {
                e.path = path;
                e.thread = thread;
                e.runningNanos = runningNanos;
                e.commit();
            }
        }
    }

    static void shutdown(String system, dev.crema.actor.ShutdownReport r) {
        ShutdownDone e = new ShutdownDone();
        if (e.shouldCommit()) {
            e.system = system;
            e.stoppedGracefully = r.actorsStoppedGracefully();
            e.stoppedForcibly = r.actorsStoppedForcibly();
            e.drained = r.messagesDrained();
            e.deadLettered = r.messagesDeadLettered();
            e.unresponsive = r.unresponsive().size();
            e.abandoned = r.messagesAbandoned();
            e.withinDeadline = r.withinDeadline();
            e.commit();
        }
    }

    /** Emits one depth sample. Called by {@link MailboxSampler} on JFR's periodic thread. */
    static void depth(String path, long queued, int capacity) {
        MailboxDepth e = new MailboxDepth();
        e.path = path;
        e.queued = queued;
        e.capacity = capacity;
        e.commit();
    }
}
