package dev.crema.actor.supervision;

import dev.crema.actor.ActorFactory;
import dev.crema.actor.RegistryKey;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.internal.Checks;
import java.util.Objects;

/**
 * How a supervisor starts, restarts and stops one child (OTP's child specification). Immutable; each
 * {@code withX} returns a copy. The spec is also a typed key: {@link Supervisor#child(ChildSpec)} returns
 * the child's {@code Addr<M>}.
 *
 * <pre>{@code
 * static final ChildSpec<Query> DB = ChildSpec.worker("db", Db::new)
 *         .withRestart(RestartType.PERMANENT)
 *         .withStopPolicy(StopPolicy.after(Duration.ofSeconds(2)))
 *         .withBackoff(Backoff.exponential(Duration.ofMillis(50), Duration.ofSeconds(5)))
 *         .withRegistryKey(RegistryKey.of("db", Query.class));
 * }</pre>
 *
 * <p>Defaults: {@link RestartType#PERMANENT}; stop policy 5 s for workers and
 * {@link StopPolicy#waitForever()} for supervisors; not significant; no backoff; default spawn options.
 *
 * @param <M> the child's message type
 *
 * <p>Thread-safe.
 */
public final class ChildSpec<M> {

    private final String id;
    private final ActorFactory<M> factory;
    private final SupervisorSpec nested;
    private final SpawnOptions options;
    private final RestartType restart;
    private final StopPolicy stopPolicy;
    private final boolean significant;
    private final Backoff backoff;
    private final RegistryKey<M> registryKey;

    private ChildSpec(Builder<M> b) {
        this.id = b.id;
        this.factory = b.factory;
        this.nested = b.nested;
        this.options = b.options;
        this.restart = b.restart;
        this.stopPolicy = b.stopPolicy;
        this.significant = b.significant;
        this.backoff = b.backoff;
        this.registryKey = b.registryKey;
    }

    /** The mutable twin used by the {@code withX} methods: copy, change, freeze. */
    private static final class Builder<M> {
        String id;
        ActorFactory<M> factory;
        SupervisorSpec nested;
        SpawnOptions options = SpawnOptions.defaults();
        RestartType restart = RestartType.PERMANENT;
        StopPolicy stopPolicy;
        boolean significant;
        Backoff backoff;
        RegistryKey<M> registryKey;

        Builder(String id, ActorFactory<M> factory, SupervisorSpec nested, StopPolicy stopPolicy) {
            this.id = id;
            this.factory = factory;
            this.nested = nested;
            this.stopPolicy = stopPolicy;
        }

        Builder(ChildSpec<M> c) {
            id = c.id;
            factory = c.factory;
            nested = c.nested;
            options = c.options;
            restart = c.restart;
            stopPolicy = c.stopPolicy;
            significant = c.significant;
            backoff = c.backoff;
            registryKey = c.registryKey;
        }
    }

    private ChildSpec<M> with(java.util.function.Consumer<Builder<M>> change) {
        Builder<M> b = new Builder<>(this);
        change.accept(b);
        return new ChildSpec<>(b);
    }

    /**
     * A worker child.
     *
     * @param id      unique among the supervisor's children; also the actor's name, so letters, digits and
     *                {@code -_.:@~+=}
     * @param factory builds the child (again on every restart)
     * @param <M>     the child's message type
     * @return the spec
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code id} is not a valid actor name
     */
    public static <M> ChildSpec<M> worker(String id, ActorFactory<M> factory) {
        Checks.actorName(id);
        Objects.requireNonNull(factory, "child factory must not be null");
        return new ChildSpec<>(new Builder<>(id, factory, null, StopPolicy.WORKER_DEFAULT));
    }

    /**
     * A child that is itself a supervisor, forming a tree. Its messages are the supervisor's own protocol;
     * use {@link Supervisor#childSupervisor(String)} to work with it.
     *
     * @param id   unique among the supervisor's children; a valid actor name
     * @param spec the nested supervisor
     * @return the spec
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code id} is not a valid actor name
     */
    public static ChildSpec<Object> supervisor(String id, SupervisorSpec spec) {
        Checks.actorName(id);
        Objects.requireNonNull(spec, "supervisor spec must not be null");
        return new ChildSpec<Object>(new Builder<>(id, null, spec, StopPolicy.waitForever()));
    }

    /**
     * Sets the restart type.
     *
     * @param restart when the child is restarted
     * @return a copy
     * @throws NullPointerException     if {@code restart} is {@code null}
     * @throws IllegalArgumentException if the child is significant and {@code restart} is permanent
     */
    public ChildSpec<M> withRestart(RestartType restart) {
        Objects.requireNonNull(restart, "restart type must not be null");
        requireNotPermanentIfSignificant(restart, significant);
        return with(b -> b.restart = restart);
    }

    /**
     * Sets how the supervisor stops this child.
     *
     * @param stopPolicy the policy
     * @return a copy
     * @throws NullPointerException if {@code stopPolicy} is {@code null}
     */
    public ChildSpec<M> withStopPolicy(StopPolicy stopPolicy) {
        Objects.requireNonNull(stopPolicy, "stop policy must not be null");
        return with(b -> b.stopPolicy = stopPolicy);
    }

    /**
     * Marks the child significant for {@link AutoShutdown}.
     *
     * @param significant whether it is
     * @return a copy
     * @throws IllegalArgumentException if {@code significant} and the child is permanent (OTP refuses that
     *                                  combination too: a permanent child never finishes)
     */
    public ChildSpec<M> withSignificant(boolean significant) {
        requireNotPermanentIfSignificant(restart, significant);
        return with(b -> b.significant = significant);
    }

    /**
     * Delays restarts exponentially.
     *
     * @param backoff the policy
     * @return a copy
     * @throws NullPointerException if {@code backoff} is {@code null}
     */
    public ChildSpec<M> withBackoff(Backoff backoff) {
        Objects.requireNonNull(backoff, "backoff must not be null");
        return with(b -> b.backoff = backoff);
    }

    /**
     * Sets the child's mailbox, dispatcher and throughput. The options' decider is ignored: the
     * supervisor decides.
     *
     * @param options the spawn options
     * @return a copy
     * @throws NullPointerException if {@code options} is {@code null}
     */
    public ChildSpec<M> withSpawnOptions(SpawnOptions options) {
        Objects.requireNonNull(options, "spawn options must not be null");
        return with(b -> b.options = options);
    }

    /**
     * Registers the child under this name whenever it is started; the name survives restarts.
     *
     * @param key the typed name
     * @return a copy
     * @throws NullPointerException if {@code key} is {@code null}
     */
    public ChildSpec<M> withRegistryKey(RegistryKey<M> key) {
        Objects.requireNonNull(key, "registry key must not be null");
        return with(b -> b.registryKey = key);
    }

    /**
     * A copy with another id, for pools and for adding several children of one kind.
     *
     * @param newId a valid actor name
     * @return a copy
     */
    public ChildSpec<M> withId(String newId) {
        Checks.actorName(newId);
        return with(b -> b.id = newId);
    }

    private static void requireNotPermanentIfSignificant(RestartType restart, boolean significant) {
        if (significant && restart == RestartType.PERMANENT) {
            throw new IllegalArgumentException("a permanent child cannot be significant: it never finishes; "
                    + "make it transient or temporary");
        }
    }

    /** {@return the id (also the actor's name)} */
    public String id() {
        return id;
    }

    /** {@return the factory of a worker; {@code null} for a supervisor child} */
    public ActorFactory<M> factory() {
        return factory;
    }

    /** {@return the nested supervisor's spec; {@code null} for a worker} */
    public SupervisorSpec nestedSupervisor() {
        return nested;
    }

    /** {@return whether this child is a supervisor} */
    public boolean isSupervisor() {
        return nested != null;
    }

    /** {@return the spawn options} */
    public SpawnOptions spawnOptions() {
        return options;
    }

    /** {@return the restart type} */
    public RestartType restart() {
        return restart;
    }

    /** {@return the stop policy} */
    public StopPolicy stopPolicy() {
        return stopPolicy;
    }

    /** {@return whether it is significant for auto-shutdown} */
    public boolean significant() {
        return significant;
    }

    /** {@return the backoff, or {@code null} for immediate restarts} */
    public Backoff backoff() {
        return backoff;
    }

    /** {@return the registry key, or {@code null}} */
    public RegistryKey<M> registryKey() {
        return registryKey;
    }

    @Override
    public String toString() {
        return "ChildSpec[" + id + (nested != null ? ", supervisor" : ", worker") + ", " + restart + ", "
                + stopPolicy + (significant ? ", significant" : "") + (backoff != null ? ", " + backoff : "") + "]";
    }
}
