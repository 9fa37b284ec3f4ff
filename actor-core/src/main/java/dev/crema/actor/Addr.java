package dev.crema.actor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A typed, immutable, thread-safe handle to an actor: the only way to send it messages.
 *
 * <p>An {@code Addr} stays valid for the actor's whole life, restarts included (a restart replaces the
 * instance, not the mailbox). Two handles to the same actor are {@link Object#equals equal};
 * {@link Object#toString() toString()} is the actor's path, e.g. {@code crema://shop/user/cashier}. An {@code Addr} may be
 * shared freely between threads and kept in messages.
 *
 * <h2>Four ways to send, named by what happens when the mailbox is full</h2>
 * <table>
 *   <caption>Send operations</caption>
 *   <tr><th>method</th><th>mailbox full</th><th>actor stopped</th></tr>
 *   <tr><td>{@link #tell}</td><td>dead letter ({@link DeadLetterReason#MAILBOX_FULL})</td>
 *       <td>dead letter ({@link DeadLetterReason#STOPPED})</td></tr>
 *   <tr><td>{@link #trySend}</td><td>returns {@link SendResult#FULL}</td>
 *       <td>returns {@link SendResult#STOPPED}</td></tr>
 *   <tr><td>{@link #send}</td><td>waits for room up to a timeout, then {@link SendResult#FULL}</td>
 *       <td>returns {@link SendResult#STOPPED}</td></tr>
 *   <tr><td>{@link #ask}</td><td>the future fails at once ({@link AskRejectedException})</td>
 *       <td>the future fails at once ({@link AskRejectedException})</td></tr>
 * </table>
 * None of them blocks except {@link #send}. Messages from one sender thread (or actor) to one receiver
 * are handled in the order they were accepted. A message accepted by the mailbox is handled exactly
 * once, or dead-lettered with a reason if the actor stops first: it is never lost silently.
 *
 * <p>Sending {@code null} throws {@link NullPointerException}.
 *
 * <p>Crema implements this interface for local actors and for ask replies; later modules add
 * implementations that cross a process boundary, which is why it is an interface.
 *
 * @param <M> the type of messages the actor accepts
 */
public interface Addr<M> {

    /**
     * Sends a message without waiting. If the mailbox is full or the actor has stopped, the message goes
     * to dead letters with that reason (counted and visible through {@link DeadLetters}).
     *
     * @param message the message
     * @throws NullPointerException if {@code message} is {@code null}
     */
    void tell(M message);

    /**
     * Offers a message without waiting and reports the outcome. Never throws for a full mailbox or a
     * stopped actor; nothing refused here is dead-lettered, because the caller was told.
     *
     * @param message the message
     * @return {@link SendResult#ACCEPTED}, {@link SendResult#FULL} or {@link SendResult#STOPPED}
     * @throws NullPointerException if {@code message} is {@code null}
     */
    SendResult trySend(M message);

    /**
     * Offers a message, waiting up to {@code timeout} for room in a full mailbox: backpressure for
     * producers outside the actor system. An actor that sends to its own full mailbox gets an
     * {@link IllegalStateException} at once instead of a deadlock.
     *
     * @param message the message
     * @param timeout how long to wait for room, positive
     * @return {@link SendResult#ACCEPTED}, {@link SendResult#FULL} (no room within the timeout) or
     *         {@link SendResult#STOPPED}
     * @throws NullPointerException     if {@code message} or {@code timeout} is {@code null}
     * @throws IllegalArgumentException if {@code timeout} is not positive
     * @throws IllegalStateException    if called by the receiving actor itself while its mailbox is full
     * @throws InterruptedException     if the waiting thread is interrupted
     */
    SendResult send(M message, Duration timeout) throws InterruptedException;

    /**
     * Request/reply: builds a request carrying a one-shot reply handle, sends it with {@link #trySend},
     * and returns a future of the reply. No actor is spawned per ask.
     *
     * <pre>{@code
     * CompletableFuture<Receipt> receipt = cashier.ask(replyTo -> new Pay(5, replyTo), Duration.ofSeconds(2));
     * }</pre>
     *
     * <p>The future completes in exactly one of these ways:
     * <ul>
     *   <li>with the first reply sent to the handle; a second or late reply goes to dead letters with reason
     *       {@link DeadLetterReason#LATE_REPLY};</li>
     *   <li>with {@link AskTimeoutException} (naming this actor, the request type and the timeout) if no
     *       reply arrived in time;</li>
     *   <li>at once with {@link AskRejectedException} if the request was not taken: reason
     *       {@link DeadLetterReason#MAILBOX_FULL}, {@link DeadLetterReason#STOPPED}, or
     *       {@link DeadLetterReason#SHUTDOWN} when the system is shutting down;</li>
     *   <li>with {@link AskRejectedException}, reason {@link DeadLetterReason#SHUTDOWN}, if the system shut
     *       down while the reply was awaited;</li>
     *   <li>for an address of another process, with {@link AskRejectedException} carrying its transport's
     *       reason ({@link DeadLetterReason#isTransport()});</li>
     *   <li>with the exception thrown by {@code request}, or {@link NullPointerException} if it returned
     *       null: these are thrown by {@code ask} itself, not put in the future.</li>
     * </ul>
     * A request that its receiver fails on does not fail the future: the failing message is dead-lettered
     * and the ask times out, unless someone else replies. Callbacks on the returned future
     * run on the replying thread unless an executor is given, so keep them short or use the
     * {@code ...Async} variants.
     *
     * @param request builds the request from the reply handle
     * @param timeout how long to wait for the reply, positive
     * @param <R>     the reply type
     * @return the future reply
     * @throws NullPointerException     if {@code request}, {@code timeout} or the built request is
     *                                  {@code null}
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    <R> CompletableFuture<R> ask(Function<Addr<R>, ? extends M> request, Duration timeout);

    /**
     * {@link #ask(Function, Duration)} with the reply type spelled out, so that Java infers it where the
     * future is used directly ({@code .get()}, {@code .thenApply(...)}) rather than assigned:
     *
     * <pre>{@code
     * record Get(Addr<Integer> replyTo) implements CounterMsg {}
     * int n = counter.ask(Integer.class, Get::new, Duration.ofSeconds(1)).get();
     * String s = barista.ask(String.class, me -> new Order("latte", me), Duration.ofSeconds(2)).get();
     * }</pre>
     *
     * @param replyType the class of the reply, for inference only
     * @param request   builds the request from the reply handle
     * @param timeout   how long to wait for the reply, positive
     * @param <R>       the reply type
     * @return the future reply, completing as {@link #ask(Function, Duration)}'s does
     * @throws NullPointerException     if an argument or the built request is {@code null}
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    default <R> CompletableFuture<R> ask(Class<R> replyType, Function<Addr<R>, ? extends M> request, Duration timeout) {
        java.util.Objects.requireNonNull(replyType, "reply type must not be null");
        return ask(request, timeout);
    }

    /**
     * The actor's path, e.g. {@code crema://shop/user/cashier}; unique among live actors of a system.
     *
     * @return the path
     */
    String path();
}
