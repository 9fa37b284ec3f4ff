package dev.crema.actor.internal;

import java.util.ArrayDeque;

/**
 * A supervisor's ordered work: a queue of steps, each of which may wait for one child's acknowledgement
 * before the next begins. This is how "start in order", "tear down in reverse start order, then start in
 * order" and "stop in reverse order, then fail" are sequenced on an asynchronous runtime.
 *
 * <p>Owned by the supervisor's thread. {@link #advance()} is re-entrant: a step's action may add steps
 * or call {@code advance()} again, and the outer loop picks the work up.
 */
final class Steps {

    enum Kind { START, HOLD, STOP, RUN }

    private record Step(Kind kind, ChildRecord child, Throwable cause, Runnable action) {
    }

    private final SupervisorActor owner;
    private final ArrayDeque<Step> queue = new ArrayDeque<>();
    private Step waiting;
    private boolean advancing;

    Steps(SupervisorActor owner) {
        this.owner = owner;
    }

    /** Build the child's instance (recreate if held, spawn if it has no actor) and wait until it started. */
    void start(ChildRecord r) {
        queue.add(new Step(Kind.START, r, null, null));
    }

    /** Tear the child's instance down, keeping its actor and mailbox, and wait until it holds. */
    void hold(ChildRecord r, Throwable cause) {
        queue.add(new Step(Kind.HOLD, r, cause, null));
    }

    /** Stop the child within its stop policy and wait until it terminated. */
    void stop(ChildRecord r) {
        queue.add(new Step(Kind.STOP, r, null, null));
    }

    /** Run an action once everything before it is done. */
    void run(Runnable action) {
        queue.add(new Step(Kind.RUN, null, null, action));
    }

    boolean busy() {
        return waiting != null || !queue.isEmpty();
    }

    boolean isWaitingFor(ChildRecord r, Kind kind) {
        return waiting != null && waiting.child == r && waiting.kind == kind;
    }

    /** The child did what the current step waits for. */
    void acknowledged(ChildRecord r, Kind kind) {
        if (isWaitingFor(r, kind)) {
            waiting = null;
            advance();
        }
    }

    /** Stops waiting for the current step (its child failed or vanished); the caller decides what next. */
    void abandonCurrent() {
        waiting = null;
    }

    void clear() {
        queue.clear();
        waiting = null;
    }

    void advance() {
        if (advancing) {
            return;
        }
        advancing = true;
        try {
            for (;;) {
                while (waiting == null && !queue.isEmpty()) {
                    begin(queue.poll());
                }
                if (busy()) {
                    return;
                }
                owner.idle(); // replay deferred events; they may queue more steps
                if (!busy()) {
                    return;
                }
            }
        } finally {
            advancing = false;
        }
    }

    private void begin(Step s) {
        ChildRecord r = s.child;
        switch (s.kind) {
            case RUN -> s.action.run();
            case HOLD -> {
                if (r.cell != null && !r.held && !r.removed) {
                    r.status = dev.crema.actor.supervision.ChildStatus.RESTARTING;
                    r.cell.sendSystem(new SystemMessage.Restart(s.cause, true));
                    owner.armStopTimer(r); // a bystander stuck in a handler must not hold the group up forever
                    waiting = s;
                }
            }
            case STOP -> {
                if (r.cell != null) {
                    owner.stopChild(r);
                    waiting = s;
                }
            }
            case START -> {
                if (r.removed) {
                    return;
                }
                r.incarnation++;
                r.status = dev.crema.actor.supervision.ChildStatus.STARTING;
                if (r.cell != null) {
                    // held: build the new instance; otherwise (a hold that was abandoned) restart it outright
                    r.cell.sendSystem(r.held ? new SystemMessage.Recreate() : new SystemMessage.Restart(s.cause, false));
                    waiting = s;
                } else if (owner.spawn(r)) {
                    waiting = s;
                } else {
                    owner.spawnFailed(r);
                }
            }
        }
    }
}
