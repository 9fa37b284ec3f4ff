package dev.crema.actor.internal;

import java.util.concurrent.ForkJoinTask;

/**
 * A cell as a fork-join task of the default pool: re-executable (a turn never "completes" the task), the
 * task-completion API made inert, and the idle spin of a worker between tasks, which needs the pool's
 * {@link ForkJoinTask#pollTask()} (open to subclasses only). Owner-thread and pool-thread rules are those
 * of {@link MailboxCell}.
 */
@SuppressWarnings("serial") // never serialized: ForkJoinTask's Serializable is of no use here
abstract class PoolTask extends ForkJoinTask<Void> implements Runnable {

    /** How long a worker that ran out of work keeps looking for more before it returns to the pool. */
    private static final long IDLE_SPIN_NANOS = Long.getLong("crema.idleSpinNanos", 20_000);

    /**
     * Runs a turn for a fork-join pool. Returning false leaves the task "not completed", so the same
     * cell can be executed again for every later turn (as Pekko's mailbox does).
     */
    @Override
    protected final boolean exec() {
        run();
        return false;
    }

    @Override
    public final Void getRawResult() {
        return null;
    }

    @Override
    protected final void setRawResult(Void value) {
        // no result
    }

    /** Inert: an actor is stopped through the runtime, never cancelled as a task. */
    @Override
    public final boolean cancel(boolean mayInterruptIfRunning) {
        return false;
    }

    /** Refused: an actor is not a task to complete. */
    @Override
    public final void complete(Void value) {
        throw new UnsupportedOperationException("an actor is not a task to complete");
    }

    /** Refused: an actor is not a task to complete. */
    @Override
    public final void completeExceptionally(Throwable ex) {
        throw new UnsupportedOperationException("an actor is not a task to complete");
    }

    /** Refused: the run token, not the task state, says whether the actor may run. */
    @Override
    public final void reinitialize() {
        throw new UnsupportedOperationException("an actor is not a task to reinitialize");
    }

    /** Inert: a dispatched actor is never taken back out of its queue. */
    @Override
    public final boolean tryUnfork() {
        return false;
    }

    /**
     * Out of work: rather than return to the pool, which parks an idle worker and then must wake it (a
     * system call each way) for the next dispatch, stay busy for a few microseconds taking any task
     * queued in the pool. While this worker counts as busy, the pool does not wake another for work this
     * worker is about to take. Not while this worker is already spinning (a task it polled and runs
     * through {@code quietlyInvoke} may end in here again), nor when the spin is configured off.
     */
    static MailboxCell spinForWork(Dispatchers.Worker w) {
        if (IDLE_SPIN_NANOS <= 0 || w.spinning) {
            return null;
        }
        w.spinning = true;
        try {
            long deadline = System.nanoTime() + IDLE_SPIN_NANOS;
            do {
                ForkJoinTask<?> t = pollTask();
                if (t instanceof MailboxCell c) {
                    return c;
                }
                if (t != null) {
                    t.quietlyInvoke(); // not one of ours (an outside submission): run it as the pool would
                    deadline = System.nanoTime() + IDLE_SPIN_NANOS;
                } else {
                    Thread.onSpinWait();
                }
            } while (System.nanoTime() - deadline < 0);
            return null;
        } finally {
            w.spinning = false;
        }
    }
}
