package dev.crema.actor;

import java.util.List;
import java.util.function.Function;

/**
 * An actor's view of itself and of the runtime: its address, its children, death watch, timers and
 * stopping. Handed to the {@link ActorFactory}; an actor usually keeps it in a field.
 *
 * <p><b>Thread confinement.</b> A context is not thread-safe. Its methods may only be called from the
 * actor's own thread, that is from the factory and from the {@link Actor} methods; calling one from
 * another thread (a future callback, say) throws {@link IllegalStateException}. To act later from
 * elsewhere, send the actor a message. The exceptions are {@link #self()} and {@link #path()}, which
 * may be called from any thread.
 *
 * <pre>{@code
 * final class Manager implements Actor<Command> {
 *     private final ActorContext<Command> ctx;
 *     private final Addr<Order> barista;
 *     Manager(ActorContext<Command> ctx) {
 *         this.ctx = ctx;
 *         this.barista = ctx.spawn("barista", Barista::new);
 *         ctx.watch(barista, t -> new BaristaGone(t.cause().orElse(null)));
 *         ctx.timers().startPeriodic("report", new Report(), Duration.ofSeconds(1));
 *     }
 *     public void receive(Command c) { ... }
 * }
 * }</pre>
 *
 * @param <M> the type of messages the actor accepts
 */
public interface ActorContext<M> {

    /**
     * This actor's address. Any thread.
     *
     * @return the address, stable across restarts
     */
    Addr<M> self();

    /**
     * This actor's path, e.g. {@code crema://shop/user/manager/barista}. Any thread.
     *
     * @return the path
     */
    String path();

    /**
     * The actor system this actor belongs to.
     *
     * @return the system
     */
    ActorSystem system();

    /**
     * Spawns a named child with default options. The child stops when this actor stops and is stopped
     * when this actor restarts.
     *
     * @param name    unique among this actor's live children; letters, digits and {@code -_.:@~+=},
     *                not starting with {@code $}
     * @param factory builds the child's instance (again on each restart)
     * @param <C>     the child's message type
     * @return the child's address
     * @throws NullPointerException     if {@code name} or {@code factory} is {@code null}
     * @throws IllegalArgumentException if {@code name} is invalid or already taken by a live child
     * @throws IllegalStateException    if this actor or the system is stopping
     */
    <C> Addr<C> spawn(String name, ActorFactory<C> factory);

    /**
     * Spawns a named child with the given options.
     *
     * @param name    see {@link #spawn(String, ActorFactory)}
     * @param factory builds the child's instance
     * @param options mailbox, dispatcher, failure decider
     * @param <C>     the child's message type
     * @return the child's address
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is invalid or already taken by a live child
     * @throws IllegalStateException    if this actor or the system is stopping
     */
    <C> Addr<C> spawn(String name, ActorFactory<C> factory, SpawnOptions options);

    /**
     * {@link #spawn(String, ActorFactory)} with the child's message type spelled out, for factories whose
     * type Java cannot infer (a block lambda); see {@link ActorSystem#spawn(String, Class, ActorFactory)}.
     *
     * @param name        see {@link #spawn(String, ActorFactory)}
     * @param messageType the class of the child's messages, for inference only
     * @param factory     builds the child's instance
     * @param <C>         the child's message type
     * @return the child's address
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is invalid or already taken by a live child
     * @throws IllegalStateException    if this actor or the system is stopping
     */
    default <C> Addr<C> spawn(String name, Class<C> messageType, ActorFactory<C> factory) {
        java.util.Objects.requireNonNull(messageType, "message type must not be null");
        return spawn(name, factory);
    }

    /**
     * {@link #spawn(String, ActorFactory, SpawnOptions)} with the child's message type spelled out (see
     * {@link #spawn(String, Class, ActorFactory)}).
     *
     * @param name        see {@link #spawn(String, ActorFactory)}
     * @param messageType the class of the child's messages, for inference only
     * @param factory     builds the child's instance
     * @param options     mailbox, dispatcher, failure decider
     * @param <C>         the child's message type
     * @return the child's address
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is invalid or already taken by a live child
     * @throws IllegalStateException    if this actor or the system is stopping
     */
    default <C> Addr<C> spawn(String name, Class<C> messageType, ActorFactory<C> factory, SpawnOptions options) {
        java.util.Objects.requireNonNull(messageType, "message type must not be null");
        return spawn(name, factory, options);
    }

    /**
     * Spawns a child with a generated name ({@code $1}, {@code $2}, ...). Cheaper than a named spawn:
     * no name is kept or checked.
     *
     * @param factory builds the child's instance
     * @param <C>     the child's message type
     * @return the child's address
     * @throws NullPointerException  if {@code factory} is {@code null}
     * @throws IllegalStateException if this actor or the system is stopping
     */
    <C> Addr<C> spawnAnonymous(ActorFactory<C> factory);

    /**
     * Spawns a child with a generated name and the given options.
     *
     * @param factory builds the child's instance
     * @param options mailbox, dispatcher, failure decider
     * @param <C>     the child's message type
     * @return the child's address
     * @throws NullPointerException  if an argument is {@code null}
     * @throws IllegalStateException if this actor or the system is stopping
     */
    <C> Addr<C> spawnAnonymous(ActorFactory<C> factory, SpawnOptions options);

    /**
     * This actor's live children, in start order.
     *
     * @return a snapshot
     */
    List<Addr<?>> children();

    /**
     * Stops this actor after the current message. Messages still in its mailbox go to dead letters with
     * reason {@link DeadLetterReason#STOPPED}; children stop first, then {@link Actor#postStop()} runs.
     */
    void stop();

    /**
     * Stops one of this actor's children, as {@link #stop()} does for itself, except that the child's mailbox
     * refuses new messages ({@link SendResult#STOPPED}) from the moment this is called; what it had accepted
     * goes to dead letters when it takes the stop, after its current message. Stopping a child that has
     * already stopped does nothing.
     *
     * @param child a child of this actor
     * @throws NullPointerException     if {@code child} is {@code null}
     * @throws IllegalArgumentException if {@code child} is not a child of this actor
     */
    void stop(Addr<?> child);

    /**
     * Watches another actor: when it stops, for any reason, this actor receives
     * {@code onTerminated.apply(terminated)} as a message. Watching an actor that has already stopped
     * notifies at once. The notification is never refused by a full mailbox, and it arrives after every
     * message the watched actor sent this actor before it stopped (it joins the end of the mailbox, as
     * Pekko's {@code Terminated}). A restart of the watched
     * actor is not a termination. Watching the same actor again replaces the mapping.
     *
     * <p>An actor of another process can be watched if its address is a {@link WatchableAddr}; its
     * transport decides when it is known to have stopped (see the transport's documentation).
     *
     * @param target       the actor to watch: of this system, or a {@link WatchableAddr}
     * @param onTerminated turns the notice into a message of this actor's own protocol
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code target} is neither an actor of this system nor a
     *                                  {@link WatchableAddr}, or is this actor
     */
    void watch(Addr<?> target, Function<Terminated, ? extends M> onTerminated);

    /**
     * Stops watching; a notification already on its way is dropped.
     *
     * @param target the watched actor
     * @throws NullPointerException if {@code target} is {@code null}
     */
    void unwatch(Addr<?> target);

    /**
     * This actor's timers. They are cancelled when the actor stops or restarts.
     *
     * @return the timers
     */
    Timers<M> timers();
}
