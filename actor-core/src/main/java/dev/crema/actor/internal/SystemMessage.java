package dev.crema.actor.internal;

/**
 * Messages of the runtime's own channel: never refused by a full mailbox, handled before user messages,
 * oldest first. Each knows how to answer for a target that has already terminated
 * ({@link #onDeadTarget}), which its sender does on the spot.
 *
 * <p>{@code next} links the intrusive Treiber stack in {@link MailboxCell}; it is written before the
 * push CAS publishes the node and read after the consumer's swap acquires it.
 */
abstract class SystemMessage {

    SystemMessage next;

    /** Answers for a terminated target; called by whichever thread drains it. Must not throw. */
    void onDeadTarget(MailboxCell target) {
        // most system messages mean nothing to a terminated actor
    }

    static SystemMessage reverse(SystemMessage head) {
        SystemMessage prev = null;
        while (head != null) {
            SystemMessage next = head.next;
            head.next = prev;
            prev = head;
            head = next;
        }
        return prev;
    }

    /** Stop the target: drain first ({@code drain}) or at once; {@code forced} when a deadline passed. */
    static final class Stop extends SystemMessage {
        final boolean drain;
        final boolean forced;
        final Throwable cause;

        Stop(boolean drain, boolean forced, Throwable cause) {
            this.drain = drain;
            this.forced = forced;
            this.cause = cause;
        }
    }

    /** A no-op that guarantees the target another turn (a draining actor uses it on itself). */
    static final class Continue extends SystemMessage {
    }

    /** Parent's decision: keep the failed instance. */
    static final class Resume extends SystemMessage {
    }

    /**
     * Parent's decision: replace the instance in place. With {@code hold}, the old instance is torn down
     * (preRestart, children stopped) and the cell waits, suspended, for {@link Recreate}; supervisors use
     * this to tear a group down in reverse order and build it up again in start order.
     */
    static final class Restart extends SystemMessage {
        final Throwable cause;
        final boolean hold;

        Restart(Throwable cause, boolean hold) {
            this.cause = cause;
            this.hold = hold;
        }
    }

    /** Parent to a held child: build the new instance now. */
    static final class Recreate extends SystemMessage {
    }

    /** Child to a parent that asked for acknowledgements: my instance is built and started. */
    static final class ChildStarted extends SystemMessage {
        final ActorCell<?> child;

        ChildStarted(ActorCell<?> child) {
            this.child = child;
        }
    }

    /** Child to parent: my old instance is torn down and I wait for {@link Recreate}. */
    static final class ChildHeld extends SystemMessage {
        final ActorCell<?> child;

        ChildHeld(ActorCell<?> child) {
            this.child = child;
        }
    }

    /** Child to parent: I failed and am suspended; decide. */
    static final class Failed extends SystemMessage {
        final ActorCell<?> child;
        final Throwable cause;

        /** The message the child failed on, or null (failed to start, stopped itself). */
        final Object message;

        Failed(ActorCell<?> child, Throwable cause, Object message) {
            this.child = child;
            this.cause = cause;
            this.message = message;
        }
    }

    /** Child to parent: I have terminated (sent before any watcher is told). */
    static final class ChildTerminated extends SystemMessage {
        final ActorCell<?> child;

        ChildTerminated(ActorCell<?> child) {
            this.child = child;
        }
    }

    /** Watcher to target: tell me when you terminate. */
    static final class Watch extends SystemMessage {
        final Watcher watcher;

        Watch(Watcher watcher) {
            this.watcher = watcher;
        }

        @Override
        void onDeadTarget(MailboxCell target) {
            ActorCell<?> cell = (ActorCell<?>) target;
            watcher.targetTerminated(cell, cell.terminationCause());
        }
    }

    /** Watcher to target: forget me. */
    static final class Unwatch extends SystemMessage {
        final Watcher watcher;

        Unwatch(Watcher watcher) {
            this.watcher = watcher;
        }
    }

    /** Target to watching actor: I have terminated. */
    static final class DeathNotice extends SystemMessage {
        final ActorCell<?> target;
        final Throwable cause;

        DeathNotice(ActorCell<?> target, Throwable cause) {
            this.target = target;
            this.cause = cause;
        }
    }

    /** A transport to a watching actor: an actor of another process that it watches has stopped. */
    static final class RemoteDeathNotice extends SystemMessage {
        final dev.crema.actor.Addr<?> target;
        final dev.crema.actor.Terminated notice;

        RemoteDeathNotice(dev.crema.actor.Addr<?> target, dev.crema.actor.Terminated notice) {
            this.target = target;
            this.notice = notice;
        }
    }
}
