package dev.crema.actor.internal;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorFactory;
import dev.crema.actor.supervision.ChildInfo;
import dev.crema.actor.supervision.ChildSpec;
import dev.crema.actor.supervision.ChildStatus;
import dev.crema.actor.supervision.RestartType;
import dev.crema.actor.supervision.SupervisorSpec;
import dev.crema.actor.supervision.SupervisorStartException;
import dev.crema.actor.supervision.Ticker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The supervisor behaviour: an actor that starts its children in order and applies OTP's strategies,
 * restart types, intensity, auto-shutdown, plus backoff, to their failures.
 *
 * <h2>How it works</h2>
 * Everything runs on the supervisor's own thread: its handler for commands, and the
 * {@link ChildSupervisor} hooks the runtime calls from its system messages. Children are spawned with start
 * acknowledgements, so ordered work is a queue of {@link Steps.Step}s, each waiting for one child's
 * acknowledgement (started, held, terminated) before the next begins: a start in order, a group torn down
 * in reverse and rebuilt in order, a shutdown in reverse. While steps run, child events that need a
 * decision are deferred and replayed afterwards; an event about a child that has been restarted since
 * (its {@code incarnation} moved on) is dropped as already handled.
 */
public final class SupervisorActor implements Actor<Object>, ChildSupervisor, DeferredStart {

    private static final Logger LOG = Loggers.SUPERVISION;

    final ActorCell<Object> self;
    final SupervisorSpec spec;
    private final SupervisorView view;
    final List<ChildRecord> children = new ArrayList<>();
    private final Map<ActorCell<?>, ChildRecord> byCell = new HashMap<>();
    final RestartWindow window;
    /** The clock of the restart window and backoff reset: the spec's own, or the system's (real or manual). */
    final Ticker ticker;
    final Steps steps = new Steps(this);
    final Restarts restarts = new Restarts(this);
    final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    private boolean starting = true;
    boolean closing;
    private int poolCounter;

    private SupervisorActor(ActorCell<Object> self, SupervisorSpec spec, SupervisorView view) {
        this.self = self;
        this.spec = spec;
        this.view = view;
        this.ticker = spec.ticker() == Ticker.system() ? self.runtime().timers()::now : spec.ticker();
        this.window = new RestartWindow(spec.intensity(), spec.period().toNanos(), ticker);
        view.attach(self);
    }

    /**
     * The factory of a supervisor actor.
     *
     * @param spec the specification
     * @param view what its handle sees; kept across restarts
     * @return the factory
     */
    @SuppressWarnings("unchecked")
    public static ActorFactory<Object> factory(SupervisorSpec spec, SupervisorView view) {
        return ctx -> new SupervisorActor((ActorCell<Object>) ctx, spec, view);
    }

    String path() {
        return self.path();
    }

    // ================================================================ start

    @Override
    public void preStart() {
        for (ChildSpec<?> c : spec.children()) {
            steps.start(add(c, false));
        }
        steps.run(() -> {
            starting = false;
            self.ackStarted();
            view.started();
            publish();
        });
        steps.advance();
    }

    private ChildRecord add(ChildSpec<?> c, boolean dynamic) {
        ChildRecord r = new ChildRecord(c, dynamic);
        children.add(r);
        if (r.nestedView != null) {
            view.putNested(c.id(), r.nestedView);
        }
        return r;
    }

    /** Spawns a fresh actor for a record (first start, or a child whose actor had terminated). */
    boolean spawn(ChildRecord r) {
        ChildSpec<?> c = r.spec;
        ActorFactory<?> factory = c.isSupervisor() ? factory(c.nestedSupervisor(), r.nestedView) : c.factory();
        ActorCell<?> cell;
        try {
            cell = self.spawnSupervised(c.id(), factory, c.spawnOptions());
        } catch (RuntimeException e) {
            LOG.error("{} could not spawn child '{}'", path(), c.id(), e);
            return false;
        }
        r.cell = cell;
        r.held = false;
        r.status = ChildStatus.STARTING;
        byCell.put(cell, r);
        if (c.registryKey() != null) {
            register(c, cell);
        }
        return true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void register(ChildSpec c, ActorCell<?> cell) {
        try {
            self.runtime().registry().register(c.registryKey(), (ActorCell) cell);
        } catch (RuntimeException e) {
            LOG.error("{} could not register child '{}' as {}", path(), c.id(), c.registryKey(), e);
        }
    }

    /** A START step could not spawn the child's actor (the system is shutting down, say). */
    void spawnFailed(ChildRecord r) {
        IllegalStateException cause = new IllegalStateException("could not spawn child '" + r.id() + "'");
        if (starting) {
            startFailed(r, cause);
        } else {
            r.status = ChildStatus.STOPPED;
            if (r.pendingReply != null) {
                r.pendingReply.reply(cause);
                r.pendingReply = null;
            }
            publish();
        }
    }

    private void startFailed(ChildRecord r, Throwable cause) {
        SupervisorStartException failure = new SupervisorStartException(path(), r.id(), cause);
        LOG.error("{} failed to start child '{}'; stopping the children it started", path(), r.id(), cause);
        restarts.giveUpThen(() -> {
            view.startFailed(failure);
            self.fail(failure, null);
        });
    }

    // ================================================================ runtime hooks (ChildSupervisor)

    @Override
    public void childStarted(ActorCell<?> child) {
        ChildRecord r = byCell.get(child);
        if (r == null) {
            return;
        }
        r.status = ChildStatus.RUNNING;
        r.held = false;
        r.lastStartNanos = ticker.read();
        publish(); // before replying: whoever the reply wakes sees the new snapshot
        if (r.pendingReply != null) {
            r.pendingReply.reply(r.cell);
            r.pendingReply = null;
        }
        steps.acknowledged(r, Steps.Kind.START);
    }

    @Override
    public void childHeld(ActorCell<?> child) {
        ChildRecord r = byCell.get(child);
        if (r != null) {
            if (r.forcedStop) {
                return; // stopped at once after its policy ran out: it terminates next, and is rebuilt anew
            }
            r.held = true;
            self.timers().cancel(r.stopKey);
            steps.acknowledged(r, Steps.Kind.HOLD);
        }
    }

    @Override
    public void childFailed(ActorCell<?> child, Throwable cause, Object message) {
        ChildRecord r = byCell.get(child);
        if (r == null) {
            child.requestStop(false, false, cause); // not ours (any more)
            return;
        }
        r.held = false; // a failed child is suspended with a failure, not held for a rebuild
        if (closing) {
            return; // it will be stopped with the rest
        }
        if (steps.isWaitingFor(r, Steps.Kind.HOLD)) {
            // it failed while being torn down for a group restart (interrupted by its stop policy, say): the
            // restart under way covers it; it holds or terminates, and is rebuilt either way
            LOG.warn("{} child '{}' failed while being restarted with its group; the restart goes on", path(), r.id(),
                    cause);
            return;
        }
        if (steps.isWaitingFor(r, Steps.Kind.START) && cause != NormalExit.INSTANCE) {
            steps.abandonCurrent();
            if (starting) {
                startFailed(r, cause);
            } else if (r.dynamic && r.pendingReply != null) {
                remove(r); // a child that cannot start is not added (OTP start_child)
                restarts.stopForGood(r, cause);
                r.pendingReply.reply(new SupervisorStartException(path(), r.id(), cause));
                r.pendingReply = null;
                steps.advance();
            } else {
                steps.clear(); // a failed rebuild: the next restart takes the whole group again
                restarts.onFailure(r, cause, message, r.incarnation);
                steps.advance();
            }
            return;
        }
        int incarnation = r.incarnation;
        whenIdle(() -> restarts.onFailure(r, cause, message, incarnation));
    }

    @Override
    public void childTerminated(ActorCell<?> child) {
        ChildRecord r = byCell.remove(child);
        if (r == null) {
            return;
        }
        r.cell = null;
        r.held = false;
        r.forcedStop = false;
        self.timers().cancel(r.stopKey);
        Throwable cause = child.terminationCause();
        if (r.status == ChildStatus.STOPPING) {
            finishStop(r);
            steps.acknowledged(r, Steps.Kind.STOP);
            return;
        }
        if (steps.isWaitingFor(r, Steps.Kind.HOLD)) {
            r.status = ChildStatus.RESTARTING; // it died instead of holding: the rebuild spawns it anew
            steps.acknowledged(r, Steps.Kind.HOLD);
            return;
        }
        if (steps.isWaitingFor(r, Steps.Kind.START)) {
            steps.abandonCurrent();
            if (starting) {
                startFailed(r, cause != null ? cause : new IllegalStateException("stopped while starting"));
                return;
            }
            steps.clear();
        }
        if (closing) {
            r.status = ChildStatus.STOPPED;
            publish();
            return;
        }
        int incarnation = r.incarnation;
        whenIdle(() -> {
            if (incarnation == r.incarnation && r.cell == null) {
                restarts.exited(r, cause);
            }
        });
    }

    @Override
    public long stopTimeoutNanos(ActorCell<?> child) {
        ChildRecord r = byCell.get(child);
        return r == null ? WAIT_FOREVER : r.spec.stopPolicy().nanos();
    }

    /** Runs an event now, or after the current steps if some are under way. */
    private void whenIdle(Runnable event) {
        if (steps.busy()) {
            deferred.add(event);
        } else {
            event.run();
            steps.advance();
        }
    }

    /** Called by {@link Steps} once it has nothing left to do. */
    void idle() {
        while (!steps.busy() && !deferred.isEmpty()) {
            deferred.poll().run();
        }
    }

    // ================================================================ decisions







    /** Stops a child gracefully within its stop policy (the steps' STOP). */
    void stopChild(ChildRecord r) {
        r.status = ChildStatus.STOPPING;
        r.requestedStop = true;
        ActorCell<?> cell = r.cell;
        if (r.spec.stopPolicy().nanos() == 0) {
            Lifecycle.forceStop(cell);
        } else {
            cell.requestStop(true, false, null);
            armStopTimer(r);
        }
        publish();
    }

    /**
     * Applies the child's {@link dev.crema.actor.supervision.StopPolicy} to a stop (or a hold, the first half
     * of a restart in place) just asked of it: if the child has not stopped (or held) when the policy runs
     * out, it is stopped at once and its running handler interrupted, as OTP kills a child that ignores its
     * shutdown. A child whose handler ignores even the interrupt cannot be stopped on the JVM; that is logged
     * at ERROR, once more after each further policy period, and the supervisor goes on waiting for it.
     */
    void armStopTimer(ChildRecord r) {
        long timeout = r.spec.stopPolicy().nanos();
        if (timeout == WAIT_FOREVER || r.cell == null) {
            return;
        }
        self.timers().startSingle(r.stopKey, new SupervisorCommand.StopOverdue(r, r.cell, 0), Duration.ofNanos(timeout));
    }

    /** The stop policy ran out (again): stop the child at once, or, if even that did not stop it, say so. */
    void stopOverdue(SupervisorCommand.StopOverdue o) {
        ChildRecord r = o.child();
        if (r.cell != o.cell() || o.cell().isTerminated()) {
            return; // it stopped meanwhile
        }
        if (o.periods() == 0) {
            r.forcedStop = true;
            Lifecycle.forceStop(o.cell());
        } else {
            LOG.error("{} child '{}' has not stopped {} after it was stopped at once: its handler ignores "
                    + "interrupts. The supervisor keeps waiting for it.", path(), r.id(),
                    Duration.ofNanos(r.spec.stopPolicy().nanos() * o.periods()));
        }
        if (o.periods() < 3) {
            self.timers().startSingle(r.stopKey, new SupervisorCommand.StopOverdue(r, o.cell(), o.periods() + 1),
                    Duration.ofNanos(r.spec.stopPolicy().nanos()));
        }
    }

    /**
     * A child about to be terminated on request: a restart it waits for (its backoff timer) is cancelled and
     * any event about its current incarnation becomes stale, so it stays stopped until restartChild.
     */
    void cancelPendingRestart(ChildRecord r) {
        self.timers().cancel(r);
        r.incarnation++;
        if (r.cell == null && r.status == ChildStatus.RESTARTING) {
            r.status = ChildStatus.STOPPED; // between attempts: nothing to stop, it simply is not restarted
            publish();
        }
    }

    private void finishStop(ChildRecord r) {
        if (r.spec.restart() == RestartType.TEMPORARY) {
            remove(r);
        } else {
            r.status = ChildStatus.STOPPED;
        }
        if (!r.requestedStop) {
            restarts.finished(r);
        }
        r.requestedStop = false;
        publish();
    }

    void remove(ChildRecord r) {
        r.removed = true;
        children.remove(r);
        if (r.nestedView != null) {
            view.removeNested(r.id());
        }
    }



    // ================================================================ commands

    @Override
    public void receive(Object message) {
        SupervisorCommands.handle(this, message);
    }

    SupervisorSpec spec() {
        return spec;
    }

    boolean isClosing() {
        return closing;
    }

    List<ChildRecord> records() {
        return children;
    }

    ChildRecord find(String id) {
        for (ChildRecord r : children) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        return null;
    }

    ChildRecord addDynamic(ChildSpec<?> c) {
        return add(c, true);
    }

    String nextPoolId(String base) {
        String id;
        do {
            id = base + "-" + (++poolCounter);
        } while (find(id) != null);
        return id;
    }

    Steps steps() {
        return steps;
    }

    void backoffDue(SupervisorCommand.BackoffDue due) {
        ChildRecord r = due.child();
        if (due.incarnation() != r.incarnation || r.removed || closing) {
            return;
        }
        whenIdle(() -> {
            if (due.incarnation() == r.incarnation && !r.removed && !closing) {
                restarts.restartNow(r, due.cause());
            }
        });
    }

    void forgetStopped(ChildRecord r) {
        remove(r);
        publish();
    }

    void publish() {
        List<ChildInfo> snapshot = new ArrayList<>(children.size());
        for (ChildRecord r : children) {
            snapshot.add(r.info());
        }
        view.publish(snapshot);
    }
}
