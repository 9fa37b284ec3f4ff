package dev.crema.actor;

import dev.crema.actor.internal.Checks;
import dev.crema.actor.internal.SystemRuntime;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A group of actors with their threads, timers, registry and dead letters; the entry point of Crema.
 *
 * <pre>{@code
 * try (ActorSystem system = ActorSystem.create("shop")) {
 *     Addr<Order> barista = system.spawn("barista", Barista::new);
 *     barista.tell(new Order("latte"));                                   // never blocks
 *     SendResult r = barista.trySend(new Order("mocha"));                 // ACCEPTED, FULL or STOPPED
 *     CompletableFuture<Receipt> f = cashier.ask(replyTo -> new Pay(5, replyTo), Duration.ofSeconds(2));
 * }   // close(): graceful shutdown with the configured deadline
 * }</pre>
 *
 * <p>Top-level actors spawned here are children of the system's root guardian; they are stopped in
 * reverse start order at shutdown. Their failures are handled by the {@link Decider} in their
 * {@link SpawnOptions} ({@link Decider#stop()} by default); a failure escalated past the top is logged
 * at ERROR and the actor is stopped.
 *
 * <p><b>Threads.</b> Every thread of the system (the dispatchers' pools, the timer threads) is a daemon
 * thread: it does not keep the JVM alive. A {@code main} that returns without {@link #close()} (or
 * {@link #shutdown}) therefore ends the JVM with whatever is still in flight unhandled and uncounted; use
 * try-with-resources, or {@link SystemConfig#withShutdownHook} to shut down when the JVM exits.
 *
 * <p>Thread-safe: every method may be called from any thread, except that {@link #shutdown} and
 * {@link #close} must not be called from an actor of this system (they wait for all actors to stop);
 * use {@link #shutdownAsync} there.
 */
public final class ActorSystem implements AutoCloseable {

    private final SystemRuntime runtime;

    private ActorSystem(String name, SystemConfig config) {
        this.runtime = new SystemRuntime(name, config, this,
                config.manualClock() == null ? null : config.manualClock().timeline());
    }

    /**
     * Starts a system with the default configuration.
     *
     * @param name letters, digits, {@code -} and {@code _}; appears in every actor path
     * @return the running system
     * @throws NullPointerException     if {@code name} is {@code null}
     * @throws IllegalArgumentException if {@code name} is invalid
     */
    public static ActorSystem create(String name) {
        return create(name, SystemConfig.defaults());
    }

    /**
     * Starts a system.
     *
     * @param name   letters, digits, {@code -} and {@code _}
     * @param config the settings
     * @return the running system
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is invalid
     */
    public static ActorSystem create(String name, SystemConfig config) {
        Checks.systemName(name);
        Objects.requireNonNull(config, "config must not be null");
        return new ActorSystem(name, config);
    }

    /** {@return the system's name} */
    public String name() {
        return runtime.name();
    }

    /** {@return the system's settings} */
    public SystemConfig config() {
        return runtime.config();
    }

    /**
     * Spawns a named top-level actor with default options. The factory runs on the actor's own thread,
     * shortly after this returns; messages sent before it has run wait in the mailbox.
     *
     * @param name    unique among live top-level actors; letters, digits and {@code -_.:@~+=}, not
     *                starting with {@code $}
     * @param factory builds the instance (again on each restart)
     * @param <M>     the actor's message type
     * @return the actor's address
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is invalid or taken
     * @throws IllegalStateException    if the system is shut down
     */
    public <M> Addr<M> spawn(String name, ActorFactory<M> factory) {
        return spawn(name, factory, SpawnOptions.defaults());
    }

    /**
     * Spawns a named top-level actor.
     *
     * @param name    see {@link #spawn(String, ActorFactory)}
     * @param factory builds the instance
     * @param options mailbox, dispatcher, throughput, failure decider
     * @param <M>     the actor's message type
     * @return the actor's address
     * @throws NullPointerException          if an argument is {@code null}
     * @throws IllegalArgumentException      if {@code name} is invalid or taken
     * @throws IllegalStateException         if the system is shut down
     * @throws UnsupportedOperationException if the dispatcher is {@link Dispatcher#VIRTUAL} and the JDK is
     *                                       older than 21
     */
    public <M> Addr<M> spawn(String name, ActorFactory<M> factory, SpawnOptions options) {
        Objects.requireNonNull(name, "actor name must not be null");
        return runtime.spawnTopLevel(name, factory, options);
    }

    /**
     * {@link #spawn(String, ActorFactory)} with the message type spelled out, for factories whose type Java
     * cannot infer (a block lambda that builds state, then returns the handler):
     *
     * <pre>{@code
     * Addr<Tick> clock = system.spawn("clock", Tick.class, ctx -> {
     *     ctx.timers().startPeriodic("tick", new Tick(), Duration.ofSeconds(1));
     *     return tick -> System.out.println("tick");
     * });
     * }</pre>
     *
     * @param name        see {@link #spawn(String, ActorFactory)}
     * @param messageType the class of the actor's messages, for inference only
     * @param factory     builds the instance
     * @param <M>         the actor's message type
     * @return the actor's address
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is invalid or taken
     * @throws IllegalStateException    if the system is shut down
     */
    public <M> Addr<M> spawn(String name, Class<M> messageType, ActorFactory<M> factory) {
        Objects.requireNonNull(messageType, "message type must not be null");
        return spawn(name, factory);
    }

    /**
     * {@link #spawn(String, ActorFactory, SpawnOptions)} with the message type spelled out (see
     * {@link #spawn(String, Class, ActorFactory)}).
     *
     * @param name        see {@link #spawn(String, ActorFactory)}
     * @param messageType the class of the actor's messages, for inference only
     * @param factory     builds the instance
     * @param options     mailbox, dispatcher, throughput, failure decider
     * @param <M>         the actor's message type
     * @return the actor's address
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is invalid or taken
     * @throws IllegalStateException    if the system is shut down
     */
    public <M> Addr<M> spawn(String name, Class<M> messageType, ActorFactory<M> factory, SpawnOptions options) {
        Objects.requireNonNull(messageType, "message type must not be null");
        return spawn(name, factory, options);
    }

    /**
     * Spawns a top-level actor with a generated name, the cheapest way to spawn.
     *
     * @param factory builds the instance
     * @param <M>     the actor's message type
     * @return the actor's address
     * @throws NullPointerException  if {@code factory} is {@code null}
     * @throws IllegalStateException if the system is shut down
     */
    public <M> Addr<M> spawnAnonymous(ActorFactory<M> factory) {
        return spawnAnonymous(factory, SpawnOptions.defaults());
    }

    /**
     * Spawns a top-level actor with a generated name.
     *
     * @param factory builds the instance
     * @param options mailbox, dispatcher, throughput, failure decider
     * @param <M>     the actor's message type
     * @return the actor's address
     * @throws NullPointerException  if an argument is {@code null}
     * @throws IllegalStateException if the system is shut down
     */
    public <M> Addr<M> spawnAnonymous(ActorFactory<M> factory, SpawnOptions options) {
        return runtime.spawnTopLevel(null, factory, options);
    }

    /**
     * Stops any actor of this system after its current message; from the moment this is called its mailbox
     * refuses new messages ({@link SendResult#STOPPED}), and the messages left in it go to dead letters.
     * Stopping an actor that has stopped does nothing.
     *
     * @param actor the actor
     * @throws NullPointerException     if {@code actor} is {@code null}
     * @throws IllegalArgumentException if it is not an actor of this system
     */
    public void stop(Addr<?> actor) {
        runtime.stop(actor);
    }

    /**
     * Death watch from outside the system: completes when the actor stops (at once if it already has).
     * An actor of another process is accepted if its address is a {@link WatchableAddr}.
     *
     * @param actor the actor
     * @return the future notice
     * @throws NullPointerException     if {@code actor} is {@code null}
     * @throws IllegalArgumentException if it is neither an actor of this system nor a {@link WatchableAddr}
     */
    public CompletableFuture<Terminated> whenTerminated(Addr<?> actor) {
        return runtime.whenTerminated(actor);
    }

    /**
     * Adds a participant to this system's shutdown: its {@link ShutdownParticipant#stopIntake} runs before
     * any actor is stopped, its {@link ShutdownParticipant#close} after they have, and its line appears in the
     * {@link ShutdownReport}. Adding the same participant twice has no effect.
     *
     * @param participant the participant
     * @throws NullPointerException  if {@code participant} is {@code null}
     * @throws IllegalStateException if the shutdown has already begun
     */
    public void addShutdownParticipant(ShutdownParticipant participant) {
        runtime.addShutdownParticipant(participant);
    }

    /**
     * Removes a participant added with {@link #addShutdownParticipant}; removing one that is not there does
     * nothing.
     *
     * @param participant the participant
     * @throws NullPointerException if {@code participant} is {@code null}
     */
    public void removeShutdownParticipant(ShutdownParticipant participant) {
        runtime.removeShutdownParticipant(participant);
    }

    /**
     * A picture of the system as it runs: the tree of live actors with, for each, its status, mailbox size
     * and capacity, messages taken, failures, restarts and dead letters, and the system's totals. Cheap: one
     * walk over the actors, reading counters the runtime keeps anyway. The figures are read while the actors
     * run, so they are consistent enough to watch, not an atomic cut. {@code inspect().toTree()} prints it.
     *
     * @return the snapshot
     */
    public dev.crema.actor.inspect.SystemSnapshot inspect() {
        return runtime.inspect();
    }

    /** {@return the name registry} */
    public Registry registry() {
        return runtime.registry();
    }

    /** {@return the dead letters} */
    public DeadLetters deadLetters() {
        return runtime.deadLetters();
    }

    /**
     * Shuts down gracefully: spawning is refused; the {@link ShutdownParticipant}s stop their intake;
     * top-level actors stop one at a time in reverse start order, each handling what is already in its
     * mailbox (new messages are refused from the moment its stop is asked for) and then stopping its
     * children the same way. When the graceful budget is spent (the deadline minus a reserve of a quarter of
     * it, at most 2 s, more with many actors), no more user code runs: a handler already running finishes its
     * message, every other actor is stopped at once and its mailbox dead-lettered with reason
     * {@link DeadLetterReason#SHUTDOWN} (no handler, no {@code postStop}). Returns by the deadline (plus
     * thread scheduling and the bookkeeping of very large backlogs) with a report whose numbers add up: when
     * it returns, every accepted message has been handled or dead-lettered, except those of an actor stuck
     * in a handler that ignores interrupts, which the report lists. Calling it again, or concurrently, returns
     * the first call's report, once that call is done.
     *
     * @param deadline how long the whole shutdown may take, positive
     * @return what happened
     * @throws NullPointerException     if {@code deadline} is {@code null}
     * @throws IllegalArgumentException if {@code deadline} is not positive
     * @throws IllegalStateException    if called from an actor of this system
     */
    public ShutdownReport shutdown(Duration deadline) {
        return runtime.shutdown(deadline);
    }

    /**
     * Starts a shutdown on a new thread; for use from inside an actor.
     *
     * @param deadline how long the whole shutdown may take, positive
     * @return completes with the report
     * @throws NullPointerException     if {@code deadline} is {@code null}
     * @throws IllegalArgumentException if {@code deadline} is not positive
     */
    public CompletableFuture<ShutdownReport> shutdownAsync(Duration deadline) {
        return runtime.shutdownAsync(deadline);
    }

    /** {@return a future that completes with the report when a shutdown has finished} */
    public CompletableFuture<ShutdownReport> whenShutdown() {
        return runtime.whenShutdown();
    }

    /** {@return whether shutdown has begun} */
    public boolean isShutdown() {
        return runtime.isShuttingDown();
    }

    /** Shuts down with {@link SystemConfig#shutdownTimeout()}. */
    @Override
    public void close() {
        shutdown(runtime.config().shutdownTimeout());
    }

    @Override
    public String toString() {
        return "ActorSystem[" + name() + "]";
    }
}
