package dev.crema.actor;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Names for actors, unique per system. A name is released automatically when its actor stops; it
 * survives restarts (a restart keeps the {@link Addr}). Obtained from {@link ActorSystem#registry()}.
 *
 * <pre>{@code
 * RegistryKey<Order> CASHIER = RegistryKey.of("cashier", Order.class);
 * system.registry().register(CASHIER, cashier);
 * Optional<Addr<Order>> found = system.registry().lookup(CASHIER);
 * Addr<Order> later = system.registry().whenRegistered(CASHIER, Duration.ofSeconds(1)).join();
 * }</pre>
 *
 * <p>Thread-safe. Of concurrent registrations of one name exactly one wins; the others get
 * {@link IllegalStateException}. Lookups are typed: asking for a name with another message type than it
 * was registered with throws instead of handing back a wrongly typed {@link Addr}.
 */
public interface Registry {

    /**
     * Registers an actor under a name until the actor stops or the name is unregistered. An actor may hold
     * several names.
     *
     * @param key  the typed name
     * @param addr a live actor of this system
     * @param <M>  the message type
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalStateException    if the name is taken, or the actor has stopped
     * @throws IllegalArgumentException if {@code addr} is not an actor of this system
     */
    <M> void register(RegistryKey<M> key, Addr<M> addr);

    /**
     * Releases a name if it is registered to {@code addr}.
     *
     * @param key  the typed name
     * @param addr the actor that holds it
     * @param <M>  the message type
     * @return whether the name was released
     * @throws NullPointerException if an argument is {@code null}
     */
    <M> boolean unregister(RegistryKey<M> key, Addr<M> addr);

    /**
     * The actor registered under a name.
     *
     * @param key the typed name
     * @param <M> the message type
     * @return the actor, or empty if the name is free
     * @throws NullPointerException     if {@code key} is {@code null}
     * @throws IllegalArgumentException if the name is registered with another message type
     */
    <M> Optional<Addr<M>> lookup(RegistryKey<M> key);

    /**
     * Completes with the actor registered under a name, now or as soon as one registers; fails with a
     * {@link java.util.concurrent.TimeoutException} naming the key if none does within {@code timeout},
     * and with {@link IllegalArgumentException} if the name gets registered with another message type.
     *
     * @param key     the typed name
     * @param timeout how long to wait, positive
     * @param <M>     the message type
     * @return the future actor
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    <M> CompletableFuture<Addr<M>> whenRegistered(RegistryKey<M> key, Duration timeout);

    /**
     * The registered names.
     *
     * @return a snapshot
     */
    Set<String> names();
}
