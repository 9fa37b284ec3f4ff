package dev.crema.actor.internal;

/**
 * The one clock of an actor system: what its actor timers, ask timeouts, send timeouts, registry waits,
 * stop policies and supervisors' restart windows and backoffs are measured against. Two implementations:
 * {@link SystemScheduler} (real time, a timer thread) and {@link ManualTimeline} (time that a test moves
 * with {@link dev.crema.actor.ManualClock#advance}). The runtime's own housekeeping (hand-off sweeps, the
 * starvation check) always runs on real time and never goes through this.
 *
 * <p>Thread-safe: any thread schedules, cancels and reads the time.
 */
interface Timeline {

    /** A scheduled task. */
    interface Timer {
        /**
         * Cancels the task; a run already under way completes. Any thread, any number of times.
         *
         * @return whether it was still pending
         */
        boolean cancel();
    }

    /** A task that wants to know it will never run because the system shut down. */
    interface ShutdownAware {
        void onSystemShutdown();
    }

    /** {@return the time on this timeline, in nanoseconds from an arbitrary origin} */
    long now();

    /** Runs {@code task} once, {@code delayNanos} from now. Tasks must be short: they enqueue or complete. */
    Timer schedule(Runnable task, long delayNanos);

    /** Runs {@code task} every {@code periodNanos}, the first time one period from now. */
    Timer scheduleAtFixedRate(Runnable task, long periodNanos);

    /** {@return tasks still pending (for tests and leak checks)} */
    int pending();

    /** Stops the timeline: pending {@link ShutdownAware} tasks are told they will never run. */
    void shutdown();
}
