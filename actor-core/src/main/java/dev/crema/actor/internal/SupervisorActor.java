package dev.crema.actor.internal;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorFactory;
import dev.crema.actor.Directive;
import dev.crema.actor.supervision.AutoShutdown;
import dev.crema.actor.supervision.ChildInfo;
import dev.crema.actor.supervision.ChildSpec;
import dev.crema.actor.supervision.ChildStatus;
import dev.crema.actor.supervision.RestartIntensityExceededException;
import dev.crema.actor.supervision.RestartType;
import dev.crema.actor.supervision.Strategy;
import dev.crema.actor.supervision.SupervisorSpec;
import dev.crema.actor.supervision.SupervisorStartException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(SupervisorActor.class);

    private final ActorCell<Object> self;
    private final SupervisorSpec spec;
    private final SupervisorView view;
    private final List<ChildRecord> children = new ArrayList<>();
    private final Map<ActorCell<?>, ChildRecord> byCell = new HashMap<>();
    private final RestartWindow window;
    private final Steps steps = new Steps(this);
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    private boolean starting = true;
    private boolean closing;
    private int poolCounter;

    private SupervisorActor(ActorCell<Object> self, SupervisorSpec spec, SupervisorView view) {
        this.self = self;
        this.spec = spec;
        this.view = view;
        this.window = new RestartWindow(spec.intensity(), spec.period().toNanos(), spec.ticker());
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
        giveUpThen(() -> {
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
        r.lastStartNanos = spec.ticker().read();
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
            r.held = true;
            steps.acknowledged(r, Steps.Kind.HOLD);
        }
    }

    @Override
    public void childFailed(ActorCell<?> child, Throwable cause) {
        ChildRecord r = byCell.get(child);
        if (r == null) {
            child.sendSystem(new SystemMessage.Stop(false, false, cause)); // not ours (any more)
            return;
        }
        r.held = false; // a failed child is suspended with a failure, not held for a rebuild
        if (closing) {
            return; // it will be stopped with the rest
        }
        if (steps.isWaitingFor(r, Steps.Kind.START) && cause != NormalExit.INSTANCE) {
            steps.abandonCurrent();
            if (starting) {
                startFailed(r, cause);
            } else if (r.dynamic && r.pendingReply != null) {
                remove(r); // a child that cannot start is not added (OTP start_child)
                stopForGood(r, cause);
                r.pendingReply.reply(new SupervisorStartException(path(), r.id(), cause));
                r.pendingReply = null;
                steps.advance();
            } else {
                steps.clear(); // a failed rebuild: the next restart takes the whole group again
                onFailure(r, cause, r.incarnation);
                steps.advance();
            }
            return;
        }
        int incarnation = r.incarnation;
        whenIdle(() -> onFailure(r, cause, incarnation));
    }

    @Override
    public void childTerminated(ActorCell<?> child) {
        ChildRecord r = byCell.remove(child);
        if (r == null) {
            return;
        }
        r.cell = null;
        r.held = false;
        if (r.stopTimer != null) {
            r.stopTimer.cancel();
            r.stopTimer = null;
        }
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
                exited(r, cause);
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

    /** A live child failed (it is suspended) or stopped itself (NormalExit). */
    private void onFailure(ChildRecord r, Throwable cause, int incarnation) {
        if (incarnation != r.incarnation || r.cell == null || closing) {
            return; // handled by a restart since, or gone
        }
        if (cause == NormalExit.INSTANCE) {
            if (r.spec.restart() == RestartType.PERMANENT) {
                restart(r, null);
            } else {
                stopForGood(r, null);
            }
            return;
        }
        Directive d = Supervision.decide(spec.decider(), r.cell, cause);
        switch (d) {
            case RESUME -> {
                LOG.warn("{} child '{}' failed; resuming it", path(), r.id(), cause);
                r.cell.sendSystem(new SystemMessage.Resume());
            }
            case STOP -> {
                LOG.error("{} child '{}' failed; stopping it for good", path(), r.id(), cause);
                stopForGood(r, cause);
            }
            case ESCALATE -> {
                LOG.error("{} child '{}' failed; escalating", path(), r.id(), cause);
                self.fail(cause, null);
            }
            case RESTART -> {
                if (r.spec.restart() == RestartType.TEMPORARY) {
                    LOG.error("{} temporary child '{}' failed; it is not restarted", path(), r.id(), cause);
                    stopForGood(r, cause);
                } else {
                    LOG.warn("{} child '{}' failed; restarting it", path(), r.id(), cause);
                    restart(r, cause);
                }
            }
        }
    }

    /** A child's actor terminated on its own (or was stopped by someone else); {@code cause} null = normal. */
    private void exited(ChildRecord r, Throwable cause) {
        RestartType type = r.spec.restart();
        if (type == RestartType.TEMPORARY) {
            remove(r);
            finished(r);
        } else if (type == RestartType.TRANSIENT && cause == null) {
            r.status = ChildStatus.STOPPED;
            finished(r);
        } else {
            restart(r, cause);
        }
        publish();
    }

    /** Counts the restart against the intensity, then restarts now or after the child's backoff. */
    private void restart(ChildRecord r, Throwable cause) {
        r.status = ChildStatus.RESTARTING;
        if (!window.record()) {
            LOG.error("{} exceeded its restart intensity ({} in {}); stopping its children and failing", path(),
                    spec.intensity(), spec.period());
            RestartIntensityExceededException failure =
                    new RestartIntensityExceededException(path(), spec.intensity(), spec.period(), cause);
            giveUpThen(() -> self.fail(failure, null));
            return;
        }
        r.restarts++;
        publish();
        if (r.spec.backoff() != null) {
            long now = spec.ticker().read();
            if (now - r.lastStartNanos >= r.spec.backoff().resetAfterNanos()) {
                r.backoffAttempt = 0;
            }
            Duration delay = r.spec.backoff().delay(++r.backoffAttempt, ThreadLocalRandom.current().nextDouble());
            self.timers().startSingle(r, new SupervisorCommand.BackoffDue(r, r.incarnation, cause), delay);
            return;
        }
        restartNow(r, cause);
    }

    private void restartNow(ChildRecord r, Throwable cause) {
        Strategy strategy = spec.strategy();
        if (strategy == Strategy.ONE_FOR_ALL) {
            restartGroup(children, r, cause);
        } else if (strategy == Strategy.REST_FOR_ONE) {
            restartGroup(children.subList(children.indexOf(r), children.size()), r, cause);
        } else {
            r.incarnation++;
            r.status = ChildStatus.STARTING;
            if (r.cell != null) {
                r.cell.sendSystem(new SystemMessage.Restart(cause, false));
            } else if (!spawn(r)) {
                spawnFailed(r);
            }
        }
    }

    /** Tears the group down in reverse start order, then builds it up in start order. */
    private void restartGroup(List<ChildRecord> members, ChildRecord failed, Throwable cause) {
        List<ChildRecord> group = new ArrayList<>(members);
        for (ChildRecord m : group) {
            m.incarnation++;
        }
        for (int i = group.size() - 1; i >= 0; i--) {
            ChildRecord m = group.get(i);
            if (m != failed && m.spec.restart() == RestartType.TEMPORARY) {
                steps.stop(m); // a temporary bystander is not restarted
            } else if (m.cell != null || m == failed) {
                steps.hold(m, cause);
            }
        }
        for (ChildRecord m : group) {
            boolean temporaryBystander = m != failed && m.spec.restart() == RestartType.TEMPORARY;
            if (!temporaryBystander && (m.cell != null || m == failed)) {
                steps.start(m);
            }
        }
        steps.advance();
    }

    /** Stops a child and does not restart it: a temporary one is removed, others are kept as stopped. */
    private void stopForGood(ChildRecord r, Throwable cause) {
        if (r.cell == null) {
            return;
        }
        r.status = ChildStatus.STOPPING;
        r.cell.sendSystem(new SystemMessage.Stop(false, false, cause));
        publish();
    }

    /** Stops a child gracefully within its stop policy (the steps' STOP). */
    void stopChild(ChildRecord r) {
        r.status = ChildStatus.STOPPING;
        r.requestedStop = true;
        ActorCell<?> cell = r.cell;
        long timeout = r.spec.stopPolicy().nanos();
        if (timeout == 0) {
            Lifecycle.forceStop(cell);
        } else {
            cell.sendSystem(new SystemMessage.Stop(true, false, null));
            if (timeout != WAIT_FOREVER) {
                r.stopTimer = self.runtime().scheduler().schedule(() -> Lifecycle.forceStop(cell), timeout);
            }
        }
        publish();
    }

    private void finishStop(ChildRecord r) {
        if (r.spec.restart() == RestartType.TEMPORARY) {
            remove(r);
        } else {
            r.status = ChildStatus.STOPPED;
        }
        if (!r.requestedStop) {
            finished(r);
        }
        r.requestedStop = false;
        publish();
    }

    private void remove(ChildRecord r) {
        r.removed = true;
        children.remove(r);
        if (r.nestedView != null) {
            view.removeNested(r.id());
        }
    }

    /** A significant child finished (stopped and not restarted): maybe shut the supervisor down. */
    private void finished(ChildRecord r) {
        if (!r.spec.significant() || closing) {
            return;
        }
        AutoShutdown mode = spec.autoShutdown();
        boolean anyLeft = false;
        for (ChildRecord c : children) {
            anyLeft |= c.spec.significant() && c.cell != null;
        }
        if (mode == AutoShutdown.ANY_SIGNIFICANT || (mode == AutoShutdown.ALL_SIGNIFICANT && !anyLeft)) {
            LOG.info("{} shuts down: significant child '{}' finished ({})", path(), r.id(), mode);
            giveUpThen(self::exitNormally);
        }
    }

    /** Stops every child in reverse start order, then runs {@code last}; no restarts from here on. */
    private void giveUpThen(Runnable last) {
        closing = true;
        steps.clear();
        deferred.clear();
        self.timers().cancelAll();
        for (int i = children.size() - 1; i >= 0; i--) {
            steps.stop(children.get(i));
        }
        steps.run(last);
        steps.advance();
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
                restartNow(r, due.cause());
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
