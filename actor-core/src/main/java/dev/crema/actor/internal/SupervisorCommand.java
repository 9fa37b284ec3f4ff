package dev.crema.actor.internal;

import dev.crema.actor.Addr;
import dev.crema.actor.supervision.ChildSpec;

/**
 * The messages a supervisor actor understands: the operator commands behind the
 * {@link dev.crema.actor.supervision.Supervisor} handle (each replied to with the result or a
 * {@link Throwable}), and its own backoff timer.
 */
public interface SupervisorCommand {

    /** Add and start a child (OTP {@code start_child}); replies with its Addr. */
    record StartChild(ChildSpec<?> spec, Addr<Object> replyTo) implements SupervisorCommand {
    }

    /** Start one more pool member from the template (checked against {@code template} if given); replies with its Addr. */
    record StartPoolChild(ChildSpec<?> template, Addr<Object> replyTo) implements SupervisorCommand {
    }

    /** Stop a child and keep its spec (OTP {@code terminate_child}); replies with the id. */
    record TerminateChild(String id, Addr<Object> replyTo) implements SupervisorCommand {
    }

    /** Start a stopped child again (OTP {@code restart_child}); replies with its Addr. */
    record RestartChild(String id, Addr<Object> replyTo) implements SupervisorCommand {
    }

    /** Forget a stopped child (OTP {@code delete_child}); replies with the id. */
    record DeleteChild(String id, Addr<Object> replyTo) implements SupervisorCommand {
    }

    /** A child's stop policy ran out while the supervisor waited for it to stop or hold ({@code periods} so far). */
    record StopOverdue(ChildRecord child, ActorCell<?> cell, int periods) implements SupervisorCommand {
    }

    /** A child's backoff delay is over. */
    record BackoffDue(ChildRecord child, int incarnation, Throwable cause) implements SupervisorCommand {
    }
}
