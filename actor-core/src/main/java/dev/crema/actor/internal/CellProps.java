package dev.crema.actor.internal;

import dev.crema.actor.Decider;
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

    CellProps(SystemRuntime runtime, Executor executor, String dispatcherName, int capacity, boolean unbounded,
              int throughput, Decider decider) {
        this.runtime = runtime;
        this.executor = executor;
        this.dispatcherName = dispatcherName;
        this.capacity = capacity;
        this.unbounded = unbounded;
        this.throughput = throughput;
        this.decider = decider;
    }
}
