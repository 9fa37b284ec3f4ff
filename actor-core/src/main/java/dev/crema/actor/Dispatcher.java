package dev.crema.actor;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Which threads run an actor. Whatever the dispatcher, an actor runs on one thread at a time and
 * handles at most a throughput batch of messages before it lets other actors run.
 *
 * <ul>
 *   <li>{@link #DEFAULT}: a {@link java.util.concurrent.ForkJoinPool} in async (FIFO) mode with one
 *       thread per core ({@link SystemConfig#withParallelism}). For actors that never block. An actor woken
 *       by the last message of another actor's turn runs next on the same thread, without waking another
 *       (a hand-off, like Go's {@code runnext}); should that turn block instead of ending, the woken actor
 *       is given to another thread within about two milliseconds ({@code -Dcrema.handoff=false} turns
 *       hand-offs off). A worker that runs out of work looks for more for 20 µs before it returns to the
 *       pool to park, which saves the wake-ups of bursty traffic at the cost of that much spinning
 *       ({@code -Dcrema.idleSpinNanos=0} turns it off).</li>
 *   <li>{@link #BLOCKING}: a bounded pool ({@link SystemConfig#withBlockingThreads} threads, 64 by
 *       default) for actors that do blocking I/O, so they cannot starve the default pool.</li>
 *   <li>{@link #VIRTUAL}: a virtual thread per run, JDK 21 or later. On older JDKs spawning with it
 *       throws {@link UnsupportedOperationException} naming the requirement.</li>
 *   <li>{@link #of(String, Executor)}: your own executor; Crema never shuts it down.</li>
 * </ul>
 *
 * <pre>{@code
 * system.spawn("db", Repository::new, SpawnOptions.defaults().withDispatcher(Dispatcher.BLOCKING));
 * }</pre>
 *
 * <p>Immutable and thread-safe. The built-in pools belong to the system, are created on first use and
 * are shut down with it.
 */
public final class Dispatcher {

    /** The default fork-join pool. */
    public static final Dispatcher DEFAULT = new Dispatcher("default", null);
    /** The bounded pool for blocking actors. */
    public static final Dispatcher BLOCKING = new Dispatcher("blocking", null);
    /** Virtual threads (JDK 21+). */
    public static final Dispatcher VIRTUAL = new Dispatcher("virtual", null);

    private final String name;
    private final Executor executor;

    private Dispatcher(String name, Executor executor) {
        this.name = name;
        this.executor = executor;
    }

    /**
     * A dispatcher backed by an executor you own. It must run every task it accepts (a rejected run
     * leaves the actor stuck, and is logged); Crema does not shut it down.
     *
     * @param name     for logs and thread diagnostics
     * @param executor runs the actors
     * @return the dispatcher
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static Dispatcher of(String name, Executor executor) {
        Objects.requireNonNull(name, "dispatcher name must not be null");
        Objects.requireNonNull(executor, "dispatcher executor must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("dispatcher name must not be blank");
        }
        return new Dispatcher(name, executor);
    }

    /** {@return the dispatcher's name} */
    public String name() {
        return name;
    }

    /** {@return the user-supplied executor, empty for the built-in dispatchers} */
    public Optional<Executor> executor() {
        return Optional.ofNullable(executor);
    }

    @Override
    public String toString() {
        return "Dispatcher[" + name + "]";
    }
}
