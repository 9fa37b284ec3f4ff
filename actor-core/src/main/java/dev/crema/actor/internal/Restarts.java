package dev.crema.actor.internal;

import dev.crema.actor.Directive;
import dev.crema.actor.supervision.AutoShutdown;
import dev.crema.actor.supervision.ChildStatus;
import dev.crema.actor.supervision.RestartIntensityExceededException;
import dev.crema.actor.supervision.RestartType;
import dev.crema.actor.supervision.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;

/**
 * A supervisor's decisions about a child that failed or exited: the decider, the restart type, the
 * restart intensity, the backoff, the strategy (which children to restart, in which order), and the
 * auto-shutdown on significant children. Works on its {@link SupervisorActor}'s state, on the
 * supervisor's own thread.
 */
final class Restarts {

    private static final Logger LOG = Loggers.SUPERVISION;

    private final SupervisorActor sup;

    Restarts(SupervisorActor sup) {
        this.sup = sup;
    }

    /** A live child failed (it is suspended) or stopped itself (NormalExit). */
    void onFailure(ChildRecord r, Throwable cause, Object message, int incarnation) {
        if (incarnation != r.incarnation || r.cell == null || sup.closing) {
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
        Directive d = Supervision.decide(sup.spec.decider(), r.cell, cause);
        String on = Supervision.on(message);
        CremaEvents.failed(r.cell, cause, message, d.name());
        switch (d) {
            case RESUME -> {
                LOG.warn("{} child '{}' failed{}; resuming it", sup.path(), r.id(), on, cause);
                r.cell.sendSystem(new SystemMessage.Resume());
            }
            case STOP -> {
                LOG.error("{} child '{}' failed{}; stopping it for good", sup.path(), r.id(), on, cause);
                stopForGood(r, cause);
            }
            case ESCALATE -> {
                LOG.error("{} child '{}' failed{}; escalating", sup.path(), r.id(), on, cause);
                sup.self.fail(cause, null);
            }
            case RESTART -> {
                if (r.spec.restart() == RestartType.TEMPORARY) {
                    LOG.error("{} temporary child '{}' failed{}; it is not restarted", sup.path(), r.id(), on, cause);
                    stopForGood(r, cause);
                } else {
                    LOG.warn("{} child '{}' failed{}; restarting it", sup.path(), r.id(), on, cause);
                    restart(r, cause);
                }
            }
        }
    }

    /** A child's actor terminated on its own (or was stopped by someone else); {@code cause} null = normal. */
    void exited(ChildRecord r, Throwable cause) {
        RestartType type = r.spec.restart();
        if (type == RestartType.TEMPORARY) {
            sup.remove(r);
            finished(r);
        } else if (type == RestartType.TRANSIENT && cause == null) {
            r.status = ChildStatus.STOPPED;
            finished(r);
        } else {
            restart(r, cause);
        }
        sup.publish();
    }

    /** Counts the restart against the intensity, then restarts now or after the child's backoff. */
    void restart(ChildRecord r, Throwable cause) {
        r.status = ChildStatus.RESTARTING;
        if (!sup.window.record()) {
            LOG.error("{} exceeded its restart intensity ({} in {}); stopping its children and failing", sup.path(),
                    sup.spec.intensity(), sup.spec.period());
            RestartIntensityExceededException failure =
                    new RestartIntensityExceededException(sup.path(), sup.spec.intensity(), sup.spec.period(), cause);
            giveUpThen(() -> sup.self.fail(failure, null));
            return;
        }
        r.restarts++;
        sup.publish();
        if (r.spec.backoff() != null) {
            long now = sup.ticker.read();
            if (now - r.lastStartNanos >= r.spec.backoff().resetAfterNanos()) {
                r.backoffAttempt = 0;
            }
            Duration delay = r.spec.backoff().delay(++r.backoffAttempt, ThreadLocalRandom.current().nextDouble());
            sup.self.timers().startSingle(r, new SupervisorCommand.BackoffDue(r, r.incarnation, cause), delay);
            return;
        }
        restartNow(r, cause);
    }

    void restartNow(ChildRecord r, Throwable cause) {
        Strategy strategy = sup.spec.strategy();
        if (strategy == Strategy.ONE_FOR_ALL) {
            restartGroup(sup.children, r, cause);
        } else if (strategy == Strategy.REST_FOR_ONE) {
            restartGroup(sup.children.subList(sup.children.indexOf(r), sup.children.size()), r, cause);
        } else {
            r.incarnation++;
            r.status = ChildStatus.STARTING;
            if (r.cell != null) {
                r.cell.sendSystem(new SystemMessage.Restart(cause, false));
            } else if (!sup.spawn(r)) {
                sup.spawnFailed(r);
            }
        }
    }

    /** Tears the group down in reverse start order, then builds it up in start order. */
    void restartGroup(List<ChildRecord> members, ChildRecord failed, Throwable cause) {
        List<ChildRecord> group = new ArrayList<>(members);
        for (ChildRecord m : group) {
            m.incarnation++;
        }
        for (int i = group.size() - 1; i >= 0; i--) {
            ChildRecord m = group.get(i);
            if (m != failed && m.spec.restart() == RestartType.TEMPORARY) {
                sup.steps.stop(m); // a temporary bystander is not restarted
            } else if (m.cell != null || m == failed) {
                sup.steps.hold(m, cause);
            }
        }
        for (ChildRecord m : group) {
            boolean temporaryBystander = m != failed && m.spec.restart() == RestartType.TEMPORARY;
            if (!temporaryBystander && (m.cell != null || m == failed)) {
                sup.steps.start(m);
                if (m != failed) {
                    m.restarts++; // a bystander is restarted too (the failed one was counted already)
                }
            }
        }
        sup.publish();
        sup.steps.advance();
    }

    /** Stops a child and does not restart it: a temporary one is removed, others are kept as stopped. */
    void stopForGood(ChildRecord r, Throwable cause) {
        if (r.cell == null) {
            return;
        }
        r.status = ChildStatus.STOPPING;
        r.cell.requestStop(false, false, cause);
        sup.armStopTimer(r);
        sup.publish();
    }

    /** A significant child finished (stopped and not restarted): maybe shut the supervisor down. */
    void finished(ChildRecord r) {
        if (!r.spec.significant() || sup.closing) {
            return;
        }
        AutoShutdown mode = sup.spec.autoShutdown();
        boolean anyLeft = false;
        for (ChildRecord c : sup.children) {
            anyLeft |= c.spec.significant() && c.cell != null;
        }
        if (mode == AutoShutdown.ANY_SIGNIFICANT || (mode == AutoShutdown.ALL_SIGNIFICANT && !anyLeft)) {
            LOG.info("{} shuts down: significant child '{}' finished ({})", sup.path(), r.id(), mode);
            giveUpThen(sup.self::exitNormally);
        }
    }

    /** Stops every child in reverse start order, then runs {@code last}; no restarts from here on. */
    void giveUpThen(Runnable last) {
        sup.closing = true;
        sup.steps.clear();
        sup.deferred.clear();
        sup.self.timers().cancelAll();
        for (int i = sup.children.size() - 1; i >= 0; i--) {
            sup.steps.stop(sup.children.get(i));
        }
        sup.steps.run(last);
        sup.steps.advance();
    }
}
