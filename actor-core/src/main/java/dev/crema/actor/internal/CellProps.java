package dev.crema.actor.internal;

import dev.crema.actor.Decider;
import dev.crema.actor.Interceptor;
import java.util.concurrent.Executor;

/**
 * Spawn options resolved against the system: immutable, shared by every actor spawned with the same
 * {@link dev.crema.actor.SpawnOptions} instance (so they cost one reference per actor).
 */
final class CellProps {

    final SystemRuntime runtime;
    final Executor executor;
    final String dispatcherName;
    final int capacity;
    final boolean unbounded;
    final int throughput;
    final Decider decider;
    /**
     * Whether the executor's threads are not the system's own (a custom executor, virtual threads): the
     * turn then marks its thread, so that a blocking shutdown from inside an actor is refused there too.
     */
    final boolean markThread;
    /** Wraps every delivery, or null. */
    final Interceptor interceptor;
    /** Whether the actor tells its parent when its instance is built (supervised children). */
    final boolean ackStart;
    /** Whether the system runs on a manual clock, so every turn is counted (see SystemRuntime#isQuiet). */
    final boolean manualTime;
    /** Whether each turn is timed for the snapshot (SystemConfig.withTurnTiming). */
    final boolean turnTiming;

    CellProps(SystemRuntime runtime, Executor executor, String dispatcherName, int capacity, boolean unbounded,
              int throughput, Decider decider, Interceptor interceptor, boolean ackStart) {
        this.runtime = runtime;
        this.executor = executor;
        this.markThread = !runtime.dispatchers().ownsThreadsOf(executor);
        this.dispatcherName = dispatcherName;
        this.capacity = capacity;
        this.unbounded = unbounded;
        this.throughput = throughput;
        this.decider = decider;
        this.interceptor = interceptor;
        this.ackStart = ackStart;
        this.manualTime = runtime.manualTime();
        this.turnTiming = runtime.config().turnTiming();
    }

    /** A copy for supervised children: acknowledges starts and restarts to the parent. */
    CellProps withAckStart() {
        return ackStart ? this : new CellProps(runtime, executor, dispatcherName, capacity, unbounded, throughput,
                decider, interceptor, true);
    }
}
