package dev.crema.actor;

import java.time.Duration;

/**
 * An actor's timers: messages it sends itself after a delay, once or periodically. Keyed: starting a
 * timer with the key of an active one replaces it. Obtained from {@link ActorContext#timers()}.
 *
 * <pre>{@code
 * ctx.timers().startSingle("brew", new Brewed(order), Duration.ofMillis(300));
 * ctx.timers().startPeriodic("tick", Tick.INSTANCE, Duration.ofSeconds(1));
 * ctx.timers().cancel("tick");
 * }</pre>
 *
 * <p>Timer messages travel through the actor's mailbox like any other message. A message from a
 * cancelled or replaced timer is never delivered, even if it was already queued. All timers are
 * cancelled when the actor stops or restarts; for a stop, from the moment its mailbox closes (a tick
 * that fires then is a cancelled timer's and is not dead-lettered). A tick that finds the mailbox full
 * goes to dead letters with reason {@link DeadLetterReason#MAILBOX_FULL}.
 *
 * <p>Not thread-safe: use only from the owning actor's thread, like {@link ActorContext}.
 *
 * @param <M> the owning actor's message type
 */
public interface Timers<M> {

    /**
     * Sends {@code message} to this actor once, after {@code delay}.
     *
     * @param key     identifies the timer; replaces an active timer with an equal key
     * @param message the message
     * @param delay   positive
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code delay} is not positive
     */
    void startSingle(Object key, M message, Duration delay);

    /**
     * Sends {@code message} to this actor every {@code interval}, the first time after one interval.
     *
     * @param key      identifies the timer; replaces an active timer with an equal key
     * @param message  the message, sent again on every tick
     * @param interval positive
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    void startPeriodic(Object key, M message, Duration interval);

    /**
     * Cancels a timer; its messages already queued are dropped when they come up.
     *
     * @param key the timer's key
     * @return whether a timer with that key was active
     * @throws NullPointerException if {@code key} is {@code null}
     */
    boolean cancel(Object key);

    /**
     * Whether a timer with this key is active (a single timer stays active until its message is handled).
     *
     * @param key the timer's key
     * @return whether it is active
     */
    boolean isActive(Object key);

    /** Cancels all of this actor's timers. */
    void cancelAll();
}
