package dev.crema.testkit;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.Mailbox;
import dev.crema.actor.ManualClock;
import dev.crema.actor.RegistryKey;
import dev.crema.actor.SendResult;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.Terminated;
import dev.crema.actor.WatchableAddr;
import dev.crema.testkit.internal.Describe;
import dev.crema.testkit.internal.Durations;
import dev.crema.testkit.internal.ProbeFailure;
import dev.crema.testkit.internal.Received;
import dev.crema.testkit.internal.Recorder;
import dev.crema.testkit.internal.Termination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An address that records what it receives, for tests: hand it to the actors under test wherever they
 * expect an {@code Addr<M>} (a reply handle, a collaborator, a registered name), then assert on what
 * arrived.
 *
 * <pre>{@code
 * TestProbe<String> customer = kit.probe("customer");
 * barista.tell(new Order("latte", customer));
 * customer.expectMessage("one latte");
 * customer.expectNoMessage();
 * }</pre>
 *
 * <p>A probe is a real top-level actor of its system, named as the probe ({@code crema://test/user/customer}),
 * whose handler records each message; so messages to it are ordered per sender like any other, {@code ask}
 * works on it (the test takes the request and answers through its reply handle), it can be registered
 * ({@link #registerAs}), watched with {@code ctx.watch(probe, ...)} (it is a {@link WatchableAddr}), and
 * stopped ({@link #stop()}). Its mailbox is unbounded: it never refuses a message.
 *
 * <p><b>Waiting.</b> Every {@code expect...} method waits for what it expects, up to a timeout: the probe's
 * default ({@link TestKitConfig#defaultTimeout()}, 10 s unless the system property
 * {@value TestKitConfig#TIMEOUT_PROPERTY} says otherwise) or the one passed in. On a system with a
 * {@link ManualClock} it waits for the system to go quiet instead (every message already in flight
 * handled; {@link ManualClock#awaitQuiet()}): after that nothing arrives until the test moves time, so a
 * missing message fails at once, saying so. A failure is an {@link AssertionError} that says what was
 * expected, what arrived instead and when, and how long the probe waited.
 *
 * <p>Thread-safe. The {@code expect...} and {@code receive...} methods are meant for the test's thread
 * (never an actor's: on a manual clock they wait for the actors).
 *
 * @param <M> the type of messages the probe accepts
 */
public final class TestProbe<M> implements WatchableAddr<M> {

    /** How long {@link #expectNoMessage()} watches on real time: 100 ms. */
    public static final Duration NO_MESSAGE_WAIT = Duration.ofMillis(100);

    private final String name;
    private final ActorSystem system;
    private final Addr<M> relay;
    private final Recorder<M> recorder;
    private final Duration defaultTimeout;
    private final long createdNanos = System.nanoTime();
    private final CompletableFuture<Terminated> terminated;

    private TestProbe(ActorSystem system, String name, Duration defaultTimeout) {
        this.name = name;
        this.system = system;
        this.defaultTimeout = defaultTimeout;
        this.recorder = new Recorder<>(system.config().manualClock());
        Recorder<M> r = recorder;
        this.relay = system.spawn(name, ctx -> r::record, SpawnOptions.defaults().withMailbox(Mailbox.unbounded()));
        // the notice names the probe, not its relay, so a watcher can compare it with the address it watched
        this.terminated = system.whenTerminated(relay).thenApply(t -> new Terminated(this, t.failure()));
    }

    /**
     * Creates a probe with the default timeout ({@link TestKitConfig#defaultTimeout()}).
     *
     * @param system the system whose actors will talk to it
     * @param name   the probe's name: a top-level actor name, unique among the system's live top-level actors
     * @param <M>    the message type
     * @return the probe
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is not a valid actor name, or is taken
     * @throws IllegalStateException    if the system is shut down
     */
    public static <M> TestProbe<M> create(ActorSystem system, String name) {
        return create(system, name, TestKitConfig.defaults().defaultTimeout());
    }

    /**
     * Creates a probe.
     *
     * @param system         the system whose actors will talk to it
     * @param name           the probe's name: a top-level actor name, unique among the live top-level actors
     * @param defaultTimeout how long its {@code expect...} methods wait when not told, positive
     * @param <M>            the message type
     * @return the probe
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is not a valid actor name or is taken, or the timeout
     *                                  is not positive
     * @throws IllegalStateException    if the system is shut down
     */
    public static <M> TestProbe<M> create(ActorSystem system, String name, Duration defaultTimeout) {
        Objects.requireNonNull(system, "system must not be null");
        Objects.requireNonNull(name, "probe name must not be null");
        Durations.requirePositive(defaultTimeout, "default timeout");
        return new TestProbe<>(system, name, defaultTimeout);
    }

    // ------------------------------------------------------------------ Addr: everything goes through the relay

    @Override
    public void tell(M message) {
        relay.tell(message);
    }

    @Override
    public SendResult trySend(M message) {
        return relay.trySend(message);
    }

    @Override
    public SendResult send(M message, Duration timeout) throws InterruptedException {
        return relay.send(message, timeout);
    }

    /**
     * Sends the request to this probe like {@link Addr#ask}: the test takes it with an {@code expect...}
     * method and answers through the reply handle inside it. The timeout follows the system's clock.
     */
    @Override
    public <R> CompletableFuture<R> ask(Function<Addr<R>, ? extends M> request, Duration timeout) {
        return relay.ask(request, timeout);
    }

    @Override
    public String path() {
        return relay.path();
    }

    /** Completes when the probe is stopped ({@link #stop()}, or the system shutting down). */
    @Override
    public CompletableFuture<Terminated> whenTerminated() {
        return terminated;
    }

    // ------------------------------------------------------------------ expectations

    /** {@return the next message, whatever it is, waiting up to the default timeout} */
    public M receiveMessage() {
        return receiveMessage(defaultTimeout);
    }

    /**
     * Takes the next message, whatever it is.
     *
     * @param timeout how long to wait on real time, positive
     * @return the message
     * @throws AssertionError if none arrived
     */
    public M receiveMessage(Duration timeout) {
        return expect("any message", timeout, m -> true);
    }

    /**
     * Takes the next message and checks that it equals {@code expected}, waiting up to the default timeout.
     *
     * @param expected the message, compared with {@code equals}
     * @return the message received
     * @throws AssertionError if none arrived, or another did
     */
    public M expectMessage(M expected) {
        return expectMessage(expected, defaultTimeout);
    }

    /**
     * Takes the next message and checks that it equals {@code expected}.
     *
     * @param expected the message, compared with {@code equals}
     * @param timeout  how long to wait on real time, positive
     * @return the message received
     * @throws AssertionError if none arrived, or another did
     */
    public M expectMessage(M expected, Duration timeout) {
        Objects.requireNonNull(expected, "expected message must not be null");
        return expect(Describe.message(expected), timeout, expected::equals);
    }

    /**
     * Takes the next message and checks its type, waiting up to the default timeout.
     *
     * @param type the class the message must be an instance of
     * @param <T>  that type
     * @return the message, cast
     * @throws AssertionError if none arrived, or one of another type did
     */
    public <T extends M> T expectMessage(Class<T> type) {
        return expectMessage(type, defaultTimeout);
    }

    /**
     * Takes the next message and checks its type.
     *
     * @param type    the class the message must be an instance of
     * @param timeout how long to wait on real time, positive
     * @param <T>     that type
     * @return the message, cast
     * @throws AssertionError if none arrived, or one of another type did
     */
    public <T extends M> T expectMessage(Class<T> type, Duration timeout) {
        Objects.requireNonNull(type, "message type must not be null");
        return type.cast(expect("a message of class " + type.getName(), timeout, type::isInstance));
    }

    /**
     * Takes the next message and checks it against a condition, waiting up to the default timeout.
     *
     * @param condition what the message must satisfy
     * @return the message
     * @throws AssertionError if none arrived, or one that fails the condition did
     */
    public M expectMessage(Predicate<? super M> condition) {
        return expectMessage(condition, defaultTimeout);
    }

    /**
     * Takes the next message and checks it against a condition.
     *
     * @param condition what the message must satisfy
     * @param timeout   how long to wait on real time, positive
     * @return the message
     * @throws AssertionError if none arrived, or one that fails the condition did
     */
    public M expectMessage(Predicate<? super M> condition, Duration timeout) {
        Objects.requireNonNull(condition, "condition must not be null");
        return expect("a message matching the condition", timeout, condition);
    }

    /**
     * Checks that no message arrives: on real time, for {@link #NO_MESSAGE_WAIT}; on a manual clock, once
     * every message in flight has been handled (without moving time).
     *
     * @throws AssertionError if a message arrived
     */
    public void expectNoMessage() {
        expectNoMessage(NO_MESSAGE_WAIT);
    }

    /**
     * Checks that no message arrives: on real time, for {@code within}; on a manual clock, once every message
     * in flight has been handled, without waiting {@code within} and without moving time (nothing else can
     * arrive until the test moves time; {@link ActorTestKit#expectNoMessageFor} moves it and checks).
     *
     * @param within how long to watch on real time, positive
     * @throws AssertionError if a message arrived
     */
    public void expectNoMessage(Duration within) {
        Durations.requirePositive(within, "no-message wait");
        List<Received<M>> before = recorder.history();
        long start = System.nanoTime();
        Received<M> r = take(Durations.saturatedNanos(within));
        if (r != null) {
            throw new AssertionError(failure().expected("no message", within)
                    .receivedInstead(r, start).before(before).toString());
        }
    }

    /**
     * Takes {@code n} messages, whatever they are, waiting up to the default timeout for all of them.
     *
     * @param n how many, at least 1
     * @return the messages, in the order received
     * @throws AssertionError if fewer arrived
     */
    public List<M> receiveMessages(int n) {
        return receiveMessages(n, defaultTimeout);
    }

    /**
     * Takes {@code n} messages, whatever they are.
     *
     * @param n       how many, at least 1
     * @param timeout how long to wait on real time for all of them, positive
     * @return the messages, in the order received
     * @throws IllegalArgumentException if {@code n} is less than 1
     * @throws AssertionError           if fewer arrived
     */
    public List<M> receiveMessages(int n, Duration timeout) {
        if (n < 1) {
            throw new IllegalArgumentException("number of messages must be at least 1, got " + n);
        }
        Durations.requirePositive(timeout, "timeout");
        List<M> got = new ArrayList<>(n);
        long start = System.nanoTime();
        long deadline = start + Durations.saturatedNanos(timeout);
        while (got.size() < n) {
            Received<M> r = take(deadline - System.nanoTime());
            if (r == null) {
                throw new AssertionError(failure().expected(n + " messages", timeout)
                        .onlyGot(got, start).toString());
            }
            got.add(r.message());
        }
        return got;
    }

    /**
     * Takes messages until one satisfies {@code wanted}, skipping the others, waiting up to the default
     * timeout in all.
     *
     * @param wanted what the message fished for must satisfy
     * @return that message
     * @throws AssertionError if none did in time
     */
    public M fishForMessage(Predicate<? super M> wanted) {
        return fishForMessage(wanted, defaultTimeout);
    }

    /**
     * Takes messages until one satisfies {@code wanted}, skipping the others.
     *
     * @param wanted  what the message fished for must satisfy
     * @param timeout how long to fish on real time in all, positive
     * @return that message
     * @throws AssertionError if none did in time
     */
    public M fishForMessage(Predicate<? super M> wanted, Duration timeout) {
        Objects.requireNonNull(wanted, "condition must not be null");
        Durations.requirePositive(timeout, "timeout");
        List<M> skipped = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + Durations.saturatedNanos(timeout);
        for (;;) {
            Received<M> r = take(deadline - System.nanoTime());
            if (r == null) {
                throw new AssertionError(failure().expected("a message matching the condition", timeout)
                        .fishedThrough(skipped, start).toString());
            }
            if (wanted.test(r.message())) {
                return r.message();
            }
            skipped.add(r.message());
        }
    }

    /**
     * Waits until an actor has stopped, up to the default timeout: death watch from outside
     * ({@link ActorSystem#whenTerminated}).
     *
     * @param actor an actor of this probe's system, or a {@link WatchableAddr}
     * @return the notice, with the failure that stopped it, if any
     * @throws AssertionError if it was still alive
     */
    public Terminated expectTerminated(Addr<?> actor) {
        return expectTerminated(actor, defaultTimeout);
    }

    /**
     * Waits until an actor has stopped: death watch from outside ({@link ActorSystem#whenTerminated}).
     *
     * @param actor   an actor of this probe's system, or a {@link WatchableAddr}
     * @param timeout how long to wait on real time, positive
     * @return the notice, with the failure that stopped it, if any
     * @throws IllegalArgumentException if {@code actor} is neither an actor of this system nor watchable
     * @throws AssertionError           if it was still alive
     */
    public Terminated expectTerminated(Addr<?> actor, Duration timeout) {
        Objects.requireNonNull(actor, "actor must not be null");
        Durations.requirePositive(timeout, "timeout");
        return Termination.await(system, actor, timeout, failure());
    }

    // ------------------------------------------------------------------ the probe itself

    /**
     * Stops the probe: it takes no more messages (they become {@code STOPPED} dead letters) and its watchers
     * are told. What it had recorded can still be taken.
     */
    public void stop() {
        system.stop(relay);
    }

    /**
     * Registers this probe under a name of the system's registry, so that actors that look the name up
     * reach it; released when the probe stops.
     *
     * @param key the typed name
     * @throws IllegalStateException if the name is taken or the probe has stopped
     */
    public void registerAs(RegistryKey<M> key) {
        system.registry().register(key, relay);
    }

    /** {@return the probe's name} */
    public String name() {
        return name;
    }

    /** {@return how long the {@code expect...} methods wait when not told} */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** {@return how many messages have arrived and not been taken yet} */
    public int messagesWaiting() {
        return recorder.waiting();
    }

    @Override
    public String toString() {
        return path();
    }

    // ------------------------------------------------------------------ plumbing

    private M expect(String what, Duration timeout, Predicate<? super M> ok) {
        Durations.requirePositive(timeout, "timeout");
        List<Received<M>> before = recorder.history();
        long start = System.nanoTime();
        Received<M> r = take(Durations.saturatedNanos(timeout));
        ProbeFailure f = failure().expected(what, timeout);
        if (r == null) {
            throw new AssertionError(f.nothing(start).before(before).toString());
        }
        if (!ok.test(r.message())) {
            throw new AssertionError(f.receivedInstead(r, start).before(before).toString());
        }
        return r.message();
    }

    private Received<M> take(long timeoutNanos) {
        try {
            return recorder.take(timeoutNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while " + this + " waited for a message", e);
        }
    }

    private ProbeFailure failure() {
        return new ProbeFailure(this, recorder.clock(), createdNanos);
    }
}
