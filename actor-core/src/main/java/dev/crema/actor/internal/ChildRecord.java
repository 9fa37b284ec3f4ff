package dev.crema.actor.internal;

import dev.crema.actor.supervision.ChildInfo;
import dev.crema.actor.supervision.ChildSpec;
import dev.crema.actor.supervision.ChildStatus;

/**
 * What a supervisor knows about one child. Owned by the supervisor's thread.
 * {@code incarnation} grows on every (re)start the supervisor orders, so an event captured before that
 * (a failure queued behind a group restart, a backoff timer) can tell it is stale.
 */
final class ChildRecord {

    final ChildSpec<?> spec;
    /** Set for supervisor children: the nested supervisor's view, kept across its restarts. */
    final SupervisorView nestedView;
    /** Added with startChild: a start failure is reported to the caller, not restarted. */
    final boolean dynamic;
    ActorCell<?> cell;
    ChildStatus status = ChildStatus.STARTING;
    int restarts;
    int backoffAttempt;
    long lastStartNanos;
    int incarnation;
    boolean held;
    /** The supervisor asked for this stop (terminate, group teardown, giving up): not a "finish". */
    boolean requestedStop;
    boolean removed;
    /** The key of this child's stop-policy timer among the supervisor's timers (see armStopTimer). */
    final Object stopKey = new Object();
    /** Its stop policy ran out and it was stopped at once: a hold it acknowledges now is not a hold. */
    boolean forcedStop;
    /** Replies to a startChild/restartChild caller once the child has started. */
    AskReply pendingReply;

    ChildRecord(ChildSpec<?> spec, boolean dynamic) {
        this.spec = spec;
        this.dynamic = dynamic;
        this.nestedView = spec.isSupervisor() ? new SupervisorView(spec.nestedSupervisor().commandTimeout()) : null;
    }

    String id() {
        return spec.id();
    }

    ChildInfo info() {
        return new ChildInfo(spec.id(), cell, status, spec.restart(), spec.isSupervisor(), restarts);
    }

    /** A reply owed to a command sender. */
    interface AskReply {
        void reply(Object result);
    }
}
