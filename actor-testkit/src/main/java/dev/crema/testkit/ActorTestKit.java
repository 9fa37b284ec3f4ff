package dev.crema.testkit;

import dev.crema.actor.ActorFactory;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetters;
import dev.crema.actor.ManualClock;
import dev.crema.actor.ShutdownReport;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.SystemConfig;
import dev.crema.actor.TopLevelFailureHandler;
import dev.crema.testkit.internal.Allowances;
import dev.crema.testkit.internal.Durations;
import dev.crema.testkit.internal.Events;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An actor system for one test (or one test class), with what a test needs around it: probes, the manual
 * clock if it runs on one, and a record of every actor failure and dead letter so that {@link #verify()} can
 * fail the test on the unexpected ones. {@link ActorTestKitExtension} creates, verifies and closes one per test;
 * without JUnit, use try-with-resources:
 *
 * <pre>{@code
 * try (ActorTestKit kit = ActorTestKit.create(TestKitConfig.defaults().withManualClock())) {
 *     TestProbe<String> customer = kit.probe("customer");
 *     Addr<Order> barista = kit.spawn("barista", Barista::new);
 *     barista.tell(new Order("latte", customer));
 *     kit.advance(Duration.ofMinutes(1));
 *     customer.expectMessage("one latte");
 *     kit.verify();
 * }
 * }</pre>
 *
 * <p><b>What counts as a failure.</b> A {@code FAILED} dead letter (an actor threw while handling a message:
 * every failure in a handler produces one), a failure escalated past a top-level actor, and an actor spawned
 * through {@link #spawn} that stopped because it failed (when starting, say), and a live actor whose
 * failure count ({@link ActorSystem#inspect()}) is higher than the failures the kit heard of for it (a child
 * that failed while starting and was restarted: it had no message to dead-letter; such a failure has no cause
 * to match, so any {@link TestKitConfig#allowFailures allowFailures} allows it). A child that failed while
 * starting and was stopped for good leaves no trace outside actor-core's log. Every other dead letter counts
 * as a dead letter.
 *
 * <p>Thread-safe. {@link #advance}, {@link #verify()} and {@link #close()} are for the test's thread.
 */
public final class ActorTestKit implements AutoCloseable {

    private final TestKitConfig config;
    private final ActorSystem system;
    private final ManualClock clock;
    private final Events events = new Events();
    private final DeadLetters.Subscription subscription;

    private ActorTestKit(TestKitConfig config) {
        this.config = config;
        this.clock = config.manualClock() ? ManualClock.create(config.defaultTimeout()) : null;
        SystemConfig sc = config.systemConfig();
        TopLevelFailureHandler theirs = sc.topLevelFailureHandler();
        sc = sc.withTopLevelFailureHandler((sys, actor, cause) -> {
            events.escalated(actor, cause);
            theirs.onFailure(sys, actor, cause);
        });
        if (clock != null) {
            sc = sc.withManualClock(clock);
        }
        this.system = ActorSystem.create(config.systemName(), sc);
        this.subscription = system.deadLetters().subscribe(events);
    }

    /** {@return a kit with the default settings ({@link TestKitConfig#defaults()}): real time, nothing allowed} */
    public static ActorTestKit create() {
        return create(TestKitConfig.defaults());
    }

    /**
     * Starts a kit and its system.
     *
     * @param config the settings
     * @return the kit
     * @throws NullPointerException     if {@code config} is {@code null}
     * @throws IllegalArgumentException if the system name is invalid
     */
    public static ActorTestKit create(TestKitConfig config) {
        Objects.requireNonNull(config, "test kit config must not be null");
        return new ActorTestKit(config);
    }

    /** {@return the kit's actor system} */
    public ActorSystem system() {
        return system;
    }

    /** {@return the kit's settings} */
    public TestKitConfig config() {
        return config;
    }

    /** {@return whether the system runs on a manual clock} */
    public boolean hasManualClock() {
        return clock != null;
    }

    /**
     * The manual clock the system runs on.
     *
     * @return the clock
     * @throws IllegalStateException if the system runs on real time
     */
    public ManualClock clock() {
        if (clock == null) {
            throw new IllegalStateException("the actor system '" + system.name() + "' runs on real time; ask for a"
                    + " manual clock with TestKitConfig.withManualClock(), @ManualTime or"
                    + " ActorTestKitExtension.create().withManualClock()");
        }
        return clock;
    }

    /**
     * Moves the manual clock forward ({@link ManualClock#advance}): every timer due on the way fires, in
     * order, each after the system has gone quiet, and this returns once it is quiet again.
     *
     * @param by how far, zero or more
     * @throws IllegalStateException    if the system runs on real time, or does not go quiet in time
     * @throws IllegalArgumentException if {@code by} is negative
     */
    public void advance(Duration by) {
        clock().advance(by);
    }

    /**
     * Spawns a top-level actor ({@link ActorSystem#spawn(String, ActorFactory)}) and watches it: if it stops
     * because it failed, that is a failure the test must expect.
     *
     * @param name    unique among live top-level actors
     * @param factory builds the actor
     * @param <M>     the message type
     * @return its address
     */
    public <M> Addr<M> spawn(String name, ActorFactory<M> factory) {
        return spawn(name, factory, SpawnOptions.defaults());
    }

    /**
     * {@link #spawn(String, ActorFactory)} with the message type spelled out, for a factory whose type Java
     * cannot infer (a block lambda): see {@link ActorSystem#spawn(String, Class, ActorFactory)}.
     *
     * @param name        unique among live top-level actors
     * @param messageType the class of the actor's messages, for inference only
     * @param factory     builds the actor
     * @param <M>         the message type
     * @return its address
     */
    public <M> Addr<M> spawn(String name, Class<M> messageType, ActorFactory<M> factory) {
        Objects.requireNonNull(messageType, "message type must not be null");
        return spawn(name, factory, SpawnOptions.defaults());
    }

    /**
     * Spawns a top-level actor with options and watches it, as {@link #spawn(String, ActorFactory)}.
     *
     * @param name    unique among live top-level actors
     * @param factory builds the actor
     * @param options mailbox, dispatcher, decider, ...
     * @param <M>     the message type
     * @return its address
     */
    public <M> Addr<M> spawn(String name, ActorFactory<M> factory, SpawnOptions options) {
        Addr<M> addr = system.spawn(name, factory, options);
        system.whenTerminated(addr).thenAccept(t -> t.cause().ifPresent(c -> events.stoppedByFailure(addr, c)));
        return addr;
    }

    /**
     * Creates a probe ({@link TestProbe#create(ActorSystem, String, Duration)}) with the kit's default timeout.
     *
     * @param name the probe's name, a top-level actor name
     * @param <M>  the message type
     * @return the probe
     */
    public <M> TestProbe<M> probe(String name) {
        return TestProbe.create(system, name, config.defaultTimeout());
    }

    /**
     * Creates a probe with its own default timeout.
     *
     * @param name           the probe's name, a top-level actor name
     * @param defaultTimeout how long its {@code expect...} methods wait when not told, positive
     * @param <M>            the message type
     * @return the probe
     */
    public <M> TestProbe<M> probe(String name, Duration defaultTimeout) {
        return TestProbe.create(system, name, defaultTimeout);
    }

    /**
     * Checks that none of the probes receives anything for {@code d}: on a manual clock by moving time
     * forward by {@code d} (timers due on the way fire) and then checking each probe; on real time by
     * watching the first probe for {@code d} and then checking the others.
     *
     * @param d      how long, positive
     * @param probes the probes, at least one
     * @throws IllegalArgumentException if no probe is given or {@code d} is not positive
     * @throws AssertionError           if a probe received a message
     */
    public void expectNoMessageFor(Duration d, TestProbe<?>... probes) {
        Durations.requirePositive(d, "duration");
        if (probes.length == 0) {
            throw new IllegalArgumentException("expectNoMessageFor needs at least one probe");
        }
        if (clock != null) {
            clock.advance(d);
        }
        for (int i = 0; i < probes.length; i++) {
            probes[i].expectNoMessage(i == 0 ? d : Duration.ofNanos(1));
        }
    }

    /** {@return every dead letter of the system so far, in order, {@code FAILED} ones included} */
    public List<DeadLetter> deadLetters() {
        return events.deadLetters();
    }

    /**
     * Fails if an actor failure or a dead letter that the settings do not allow happened since the kit was
     * created or since the previous {@code verify}. On a manual clock it first waits for quiet, so that what
     * is in flight is counted.
     *
     * @throws AssertionError listing each unexpected event, with the first failure as its cause
     */
    public void verify() {
        verify(config.allowances());
    }

    /** {@link #verify()} with a test's own allowances; for the extension. */
    void verify(Allowances allowances) {
        boolean running = !system.isShutdown();
        if (clock != null && running) {
            clock.awaitQuiet();
        }
        events.verify(allowances, system.name(), running ? system.inspect() : null);
    }

    /** {@return the default timeout of the kit's probes} */
    public Duration defaultTimeout() {
        return config.defaultTimeout();
    }

    /**
     * Shuts the system down gracefully, with its configured shutdown timeout.
     *
     * @return what the shutdown did
     */
    public ShutdownReport shutdown() {
        try {
            return system.shutdown(system.config().shutdownTimeout());
        } finally {
            subscription.close();
        }
    }

    /** Shuts the system down ({@link #shutdown()}); it does not verify. */
    @Override
    public void close() {
        shutdown();
    }

    @Override
    public String toString() {
        return "ActorTestKit[" + system.name() + (clock != null ? ", " + clock : "") + "]";
    }
}
