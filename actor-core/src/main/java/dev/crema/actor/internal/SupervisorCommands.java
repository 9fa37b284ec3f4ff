package dev.crema.actor.internal;

import dev.crema.actor.Addr;
import dev.crema.actor.supervision.ChildSpec;
import dev.crema.actor.supervision.Strategy;

/**
 * The operator commands of a supervisor (OTP's {@code start_child}, {@code terminate_child},
 * {@code restart_child}, {@code delete_child}), handled on the supervisor's thread. Each replies with its
 * result or with the exception that explains the refusal.
 */
final class SupervisorCommands {

    private SupervisorCommands() {
    }

    static void handle(SupervisorActor sup, Object message) {
        if (message instanceof SupervisorCommand.StartChild c) {
            if (sup.spec().strategy() == Strategy.POOL) {
                c.replyTo().tell(new IllegalArgumentException(sup.path() + " is a pool: use startChild() without a spec"));
            } else {
                startDynamic(sup, c.spec(), c.replyTo());
            }
        } else if (message instanceof SupervisorCommand.StartPoolChild c) {
            ChildSpec<?> template = sup.spec().template();
            if (template == null) {
                c.replyTo().tell(new IllegalArgumentException(sup.path() + " is not a pool: use startChild(spec)"));
            } else if (c.template() != null && !c.template().id().equals(template.id())) {
                c.replyTo().tell(new IllegalArgumentException("'" + c.template().id() + "' is not the template of pool "
                        + sup.path() + " (its template is '" + template.id() + "')"));
            } else {
                startDynamic(sup, template.withId(sup.nextPoolId(template.id())), c.replyTo());
            }
        } else if (message instanceof SupervisorCommand.TerminateChild c) {
            ChildRecord r = existing(sup, c.id(), c.replyTo());
            if (r != null) {
                sup.cancelPendingRestart(r); // terminated means stopped until restartChild: no backoff brings it back
                sup.steps().stop(r);
                sup.steps().run(() -> c.replyTo().tell(c.id()));
                sup.steps().advance();
            }
        } else if (message instanceof SupervisorCommand.RestartChild c) {
            ChildRecord r = existing(sup, c.id(), c.replyTo());
            if (r != null && stopped(sup, r, c.replyTo())) {
                r.pendingReply = c.replyTo()::tell;
                sup.steps().start(r);
                sup.steps().advance();
            }
        } else if (message instanceof SupervisorCommand.DeleteChild c) {
            ChildRecord r = existing(sup, c.id(), c.replyTo());
            if (r != null && stopped(sup, r, c.replyTo())) {
                sup.forgetStopped(r);
                c.replyTo().tell(c.id());
            }
        } else if (message instanceof SupervisorCommand.StopOverdue o) {
            sup.stopOverdue(o);
        } else if (message instanceof SupervisorCommand.BackoffDue due) {
            sup.backoffDue(due);
        } else {
            throw new IllegalArgumentException(sup.path() + " is a supervisor and does not understand " + message);
        }
    }

    private static void startDynamic(SupervisorActor sup, ChildSpec<?> spec, Addr<Object> replyTo) {
        if (sup.isClosing()) {
            replyTo.tell(new IllegalStateException(sup.path() + " is shutting down"));
        } else if (sup.find(spec.id()) != null) {
            replyTo.tell(new IllegalArgumentException("child id '" + spec.id() + "' already exists under " + sup.path()));
        } else {
            ChildRecord r = sup.addDynamic(spec);
            r.pendingReply = replyTo::tell;
            sup.steps().start(r);
            sup.steps().advance();
            sup.publish();
        }
    }

    private static ChildRecord existing(SupervisorActor sup, String id, Addr<Object> replyTo) {
        ChildRecord r = sup.find(id);
        if (r == null) {
            replyTo.tell(new IllegalArgumentException("no child '" + id + "' under " + sup.path()));
        }
        return r;
    }

    private static boolean stopped(SupervisorActor sup, ChildRecord r, Addr<Object> replyTo) {
        if (r.cell != null) {
            replyTo.tell(new IllegalStateException("child '" + r.id() + "' under " + sup.path()
                    + " is running; terminate it first"));
            return false;
        }
        return true;
    }
}
