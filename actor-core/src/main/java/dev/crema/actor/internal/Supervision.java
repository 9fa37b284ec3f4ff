package dev.crema.actor.internal;

import static dev.crema.actor.internal.ActorCell.RESTARTING;
import static dev.crema.actor.internal.ActorCell.STOPPING;
import static dev.crema.actor.internal.ActorCell.TERMINATED_PHASE;

import dev.crema.actor.Decider;
import dev.crema.actor.Directive;
import org.slf4j.Logger;

/**
 * The failure mechanism, parent side: a child failed and is suspended; its parent decides, on the
 * parent's thread. A parent whose instance is a {@link ChildSupervisor} decides itself; otherwise the
 * child's {@link Decider} (from its spawn options; {@link Decider#stop()} by default) is applied. No
 * failure vanishes: each is logged, STOP and ESCALATE at ERROR, RESTART and RESUME at WARN.
 */
final class Supervision {

    private static final Logger LOG = Loggers.FAILURES;

    private Supervision() {
    }

    static void onChildFailed(ActorCell<?> parent, ActorCell<?> child, Throwable cause, Object message) {
        if (!parent.state().isChild(child)) {
            return; // already gone
        }
        int phase = parent.phase();
        if (!parent.runtime().userCodeAllowed()) { // past the shutdown's budget: no decider, no restart
            child.requestStop(false, true, cause);
            return;
        }
        if (phase == STOPPING || phase == RESTARTING || phase == TERMINATED_PHASE) {
            LOG.error("{} failed{} while its parent {} is stopping or restarting; it is stopped", child.path(), on(message),
                    parent.path(), cause);
            child.requestStop(false, false, cause); // its watchers see the cause
            return;
        }
        if (parent.actor() instanceof ChildSupervisor supervisor) {
            try {
                supervisor.childFailed(child, cause, message);
            } catch (Throwable t) {
                LOG.error("supervisor {} threw while handling the failure of {}; stopping the child",
                        parent.path(), child.path(), t);
                apply(parent, child, cause, message, Directive.STOP);
            }
            return;
        }
        apply(parent, child, cause, message, decide(child.props.decider, child, cause));
    }

    /**
     * What a failure line says the actor failed on: " on Order[...]" (cut at {@value #MAX_MESSAGE_CHARS}
     * characters), or " while starting". The FAILED dead letter of that message is not logged on its own:
     * one failure, one line (plus its stack trace).
     */
    static String on(Object message) {
        if (message == null) {
            return "";
        }
        String text;
        try {
            text = String.valueOf(message);
        } catch (RuntimeException e) {
            text = message.getClass().getName() + " (its toString threw " + e + ")";
        }
        return " on " + (text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "..." : text);
    }

    private static final int MAX_MESSAGE_CHARS = 200;

    /** Whether the parent's own supervision logic may act: not while the runtime takes its children down. */
    private static boolean supervising(ActorCell<?> parent) {
        int phase = parent.phase();
        return phase != STOPPING && phase != RESTARTING && phase != TERMINATED_PHASE
                && parent.actor() instanceof ChildSupervisor;
    }

    static void onChildTerminated(ActorCell<?> parent, ActorCell<?> child) {
        if (supervising(parent) && parent.actor() instanceof ChildSupervisor supervisor) {
            try {
                supervisor.childTerminated(child);
            } catch (Throwable t) {
                LOG.error("supervisor {} threw on the termination of {}", parent.path(), child.path(), t);
            }
        }
    }

    static void onChildStarted(ActorCell<?> parent, ActorCell<?> child) {
        if (supervising(parent) && parent.actor() instanceof ChildSupervisor supervisor && parent.state().isChild(child)) {
            try {
                supervisor.childStarted(child);
            } catch (Throwable t) {
                LOG.error("supervisor {} threw on the start of {}", parent.path(), child.path(), t);
            }
        }
    }

    static void onChildHeld(ActorCell<?> parent, ActorCell<?> child) {
        if (supervising(parent) && parent.actor() instanceof ChildSupervisor supervisor && parent.state().isChild(child)) {
            try {
                supervisor.childHeld(child);
            } catch (Throwable t) {
                LOG.error("supervisor {} threw on the restart of {}", parent.path(), child.path(), t);
            }
        }
    }

    static Directive decide(Decider decider, ActorCell<?> child, Throwable cause) {
        try {
            Directive d = decider.decide(cause);
            return d != null ? d : Directive.STOP;
        } catch (Throwable t) {
            LOG.error("the decider of {} threw; stopping the child", child.path(), t);
            return Directive.STOP;
        }
    }

    /** Carries out a directive for a failed child. Parent's thread. */
    static void apply(ActorCell<?> parent, ActorCell<?> child, Throwable cause, Object message, Directive directive) {
        String on = on(message);
        CremaEvents.failed(child, cause, message, directive.name());
        switch (directive) {
            case RESUME -> {
                LOG.warn("{} failed{}; resuming it", child.path(), on, cause);
                child.sendSystem(new SystemMessage.Resume());
            }
            case RESTART -> {
                LOG.warn("{} failed{}; restarting it", child.path(), on, cause);
                child.sendSystem(new SystemMessage.Restart(cause, false));
            }
            case STOP -> {
                LOG.error("{} failed{}; stopping it", child.path(), on, cause);
                child.requestStop(false, false, cause);
            }
            case ESCALATE -> {
                if (parent.parent == null) {
                    LOG.error("{} failed{} and escalated to the top; stopping it", child.path(), on, cause);
                    child.requestStop(false, false, cause);
                    SystemRuntime rt = parent.runtime();
                    try {
                        rt.config().topLevelFailureHandler().onFailure(rt.facade(), child, cause);
                    } catch (Throwable t) {
                        LOG.error("the top-level failure handler threw", t);
                    }
                } else {
                    LOG.error("{} failed{}; escalating to {}", child.path(), on, parent.parent.path(), cause);
                    parent.state().escalatedChild = child;
                    parent.fail(cause, null);
                }
            }
        }
    }
}
