package dev.crema.testkit;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorFactory;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetter;
import dev.crema.actor.SpawnOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Runs one actor on the test's own thread, without an actor system, for unit tests of its logic: each
 * {@link #tell} is handled, with everything it causes, before the call returns, and what the actor did
 * through its context is recorded as {@link Effect}s: children spawned, timers started and cancelled,
 * watches, stops, and its failures with the decision taken.
 *
 * <pre>{@code
 * ActorHarness<Msg> barista = ActorHarness.of("barista", Barista::new,
 *         SpawnOptions.defaults().withDecider(Decider.restart()));
 * TestInbox<String> customer = TestInbox.create("customer");
 *
 * barista.tell(new Order("latte", customer));
 * barista.expectEffect(Effect.TimerStarted.class);
 * barista.advance(Duration.ofMinutes(1));        // the timer fires; its message is handled
 * customer.expectMessage("one latte");
 * }</pre>
 *
 * <p><b>What the actor gets.</b> A context whose children are {@link TestInbox}es ({@link #childInbox}),
 * whose timers run on the harness's virtual time ({@link #advance}), and whose watches are answered by
 * {@link #signalTerminated}. {@code ctx.system()} throws: an actor that needs the system is tested with
 * {@link ActorTestKit}. Its own address, {@link #self()}, works like any other.
 *
 * <p><b>The runtime's rules, kept.</b> Messages are handled one at a time, in order; a {@code BatchActor}
 * gets everything waiting as one batch ({@link #tellAll}). A timer's message goes through the mailbox and
 * is dropped if the timer was cancelled or replaced meanwhile. A failure in the factory, {@code preStart},
 * {@code receive} or {@code postRestart} dead-letters the message ({@code FAILED}) and applies the
 * {@link dev.crema.actor.Decider} of the {@link SpawnOptions} (default: stop): resume keeps the instance
 * and its state; restart calls {@code preRestart} on it, stops its children, cancels its timers, builds a
 * fresh instance from the factory and calls {@code postRestart}; stop (and escalate: there is no parent)
 * stops it, children first, then {@code postStop}. What arrives after the stop is a {@code STOPPED} dead
 * letter ({@link #deadLetters()}). Fatal JVM errors are thrown to the test.
 *
 * <p>Not thread-safe: use it from the thread that created it (its methods check). Other threads may send
 * to {@link #self()} and to inboxes; what they send is handled at the harness's next call.
 *
 * @param <M> the actor's message type
 */
public final class ActorHarness<M> {

    private final HarnessEngine<M> engine;

    private ActorHarness(HarnessEngine<M> engine) {
        this.engine = engine;
    }

    /**
     * Builds and starts the actor, named {@code actor}, with the default options (decider: stop).
     *
     * @param factory builds the actor (again on each restart)
     * @param <M>     the message type
     * @return the harness, the actor started (or failed, as its effects say)
     */
    public static <M> ActorHarness<M> of(ActorFactory<M> factory) {
        return of("actor", factory, SpawnOptions.defaults());
    }

    /**
     * Builds and starts the actor with the default options (decider: stop).
     *
     * @param name    its name, for its path {@code crema://harness/user/<name>}
     * @param factory builds the actor (again on each restart)
     * @param <M>     the message type
     * @return the harness
     */
    public static <M> ActorHarness<M> of(String name, ActorFactory<M> factory) {
        return of(name, factory, SpawnOptions.defaults());
    }

    /**
     * Builds and starts the actor. Of the options only the decider matters here: there is no mailbox to
     * bound, no dispatcher and no interceptor.
     *
     * @param name    its name, for its path {@code crema://harness/user/<name>}
     * @param factory builds the actor (again on each restart)
     * @param options the decider that handles its failures
     * @param <M>     the message type
     * @return the harness
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is empty or contains a {@code /}
     */
    public static <M> ActorHarness<M> of(String name, ActorFactory<M> factory, SpawnOptions options) {
        Objects.requireNonNull(name, "actor name must not be null");
        Objects.requireNonNull(factory, "factory must not be null");
        Objects.requireNonNull(options, "spawn options must not be null");
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("actor name must be non-empty and without '/', got '" + name + "'");
        }
        return new ActorHarness<>(new HarnessEngine<>(name, factory, options));
    }

    // ------------------------------------------------------------------ driving it

    /**
     * Sends the actor a message and handles it, and whatever that causes (messages it sends itself), before
     * returning. Once the actor has stopped, the message is a {@code STOPPED} dead letter.
     *
     * @param message the message
     * @throws NullPointerException if {@code message} is {@code null}
     */
    public void tell(M message) {
        Objects.requireNonNull(message, "message must not be null");
        engine.checkOwner("tell");
        engine.send(message);
    }

    /**
     * Sends several messages at once, then handles them: a {@code BatchActor} gets them as one batch (up to its
     * {@code maxBatch}), as if they had all been waiting in its mailbox.
     *
     * @param messages the messages, in order
     * @throws NullPointerException if the list or a message is {@code null}
     */
    public void tellAll(List<? extends M> messages) {
        engine.checkOwner("tellAll");
        for (M m : List.copyOf(messages)) {
            engine.enqueue(m);
        }
        engine.runToIdle();
    }

    /** Handles what other threads have sent to {@link #self()} since the last call. */
    public void run() {
        engine.runToIdle();
    }

    /**
     * Moves virtual time forward: every timer (and ask timeout) due on the way fires in deadline order, and
     * its message is handled, with everything it causes, before the next one fires.
     *
     * @param by how far, zero or more
     * @throws IllegalArgumentException if {@code by} is negative
     */
    public void advance(Duration by) {
        engine.advance(by);
    }

    /** {@return how far virtual time has moved since the harness was made} */
    public Duration elapsed() {
        return Duration.ofNanos(engine.timeline.now());
    }

    /**
     * Tells the actor that an actor it watches, or one of its children, has stopped: a watched one's notice
     * is delivered (and handled) as the actor's own message; a child is gone from {@code ctx.children()} and
     * its inbox refuses messages.
     *
     * @param actor the actor that stopped
     * @throws IllegalArgumentException if the actor neither watches it nor has it as a live child
     */
    public void signalTerminated(Addr<?> actor) {
        engine.signalTerminated(actor, null);
    }

    /**
     * {@link #signalTerminated(Addr)} for an actor that stopped because it failed.
     *
     * @param actor the actor that stopped
     * @param cause why
     */
    public void signalTerminated(Addr<?> actor, Throwable cause) {
        Objects.requireNonNull(cause, "cause must not be null");
        engine.signalTerminated(actor, cause);
    }

    // ------------------------------------------------------------------ effects

    /**
     * Takes the next effect and checks its type.
     *
     * @param type the effect's record class, e.g. {@code Effect.TimerStarted.class}
     * @param <E>  that type
     * @return the effect
     * @throws AssertionError if there is none, or the next one is of another type
     */
    public <E extends Effect> E expectEffect(Class<E> type) {
        Objects.requireNonNull(type, "effect type must not be null");
        return type.cast(next("an effect of type " + type.getSimpleName(), type::isInstance));
    }

    /**
     * Takes the next effect and checks that it equals {@code expected}.
     *
     * @param expected the effect, e.g. {@code new Effect.TimerCancelled("brew")}
     * @throws AssertionError if there is none, or the next one is another
     */
    public void expectEffect(Effect expected) {
        Objects.requireNonNull(expected, "expected effect must not be null");
        next(expected.toString(), expected::equals);
    }

    /** {@return every effect not yet taken, in order; they are then taken} */
    public List<Effect> effects() {
        engine.checkOwner("effects");
        List<Effect> all = new ArrayList<>(engine.effects());
        engine.effects().clear();
        return all;
    }

    /**
     * Checks that the actor has had no effect not yet taken.
     *
     * @throws AssertionError listing them
     */
    public void expectNoEffects() {
        engine.checkOwner("expectNoEffects");
        if (!engine.effects().isEmpty()) {
            throw new AssertionError("ActorHarness " + engine.path + ": expected no effects, but there are "
                    + engine.effects().size() + ": " + engine.effects());
        }
    }

    private Effect next(String what, java.util.function.Predicate<Effect> ok) {
        engine.checkOwner("expectEffect");
        ArrayDeque<Effect> effects = engine.effects();
        Effect e = effects.pollFirst();
        if (e == null) {
            throw new AssertionError("ActorHarness " + engine.path + ": expected " + what
                    + ", but the actor has had no effect since the last one taken");
        }
        if (!ok.test(e)) {
            throw new AssertionError("ActorHarness " + engine.path + ": expected " + what + ", but the next effect was "
                    + e + (effects.isEmpty() ? "" : "; after it: " + effects));
        }
        return e;
    }

    // ------------------------------------------------------------------ state

    /**
     * The inbox that stands for a child the actor spawned (the last one of that name).
     *
     * @param name the child's name ({@code $1}, ... for anonymous children)
     * @param <C>  its message type, as the test knows it
     * @return its inbox
     * @throws AssertionError if the actor spawned no child of that name
     */
    @SuppressWarnings("unchecked")
    public <C> TestInbox<C> childInbox(String name) {
        Objects.requireNonNull(name, "child name must not be null");
        TestInbox<?> child = engine.family.child(name);
        if (child == null) {
            throw new AssertionError("ActorHarness " + engine.path + ": no child named '" + name + "' was spawned"
                    + (engine.family.names().isEmpty() ? "" : "; children spawned: " + engine.family.names()));
        }
        return (TestInbox<C>) child;
    }

    /** {@return the actor's live children, in spawn order} */
    public List<Addr<?>> children() {
        return engine.family.liveChildren();
    }

    /** {@return the keys of the actor's active timers} */
    public Set<Object> activeTimers() {
        return engine.timers.keys();
    }

    /** {@return every dead letter so far: failed messages, messages sent after a stop, late replies to its asks} */
    public List<DeadLetter> deadLetters() {
        return engine.deadLetters();
    }

    /** {@return the actor's current instance (a fresh one after each restart), to look at its state; null if it failed to build} */
    public Actor<M> instance() {
        return engine.instance();
    }

    /** {@return whether the actor has stopped for good} */
    public boolean isStopped() {
        return engine.isStopped();
    }

    /** {@return the actor's address; see the class comment for when what is sent to it is handled} */
    public Addr<M> self() {
        return engine.self;
    }

    /** {@return the actor's path, {@code crema://harness/user/<name>}} */
    public String path() {
        return engine.path;
    }

    @Override
    public String toString() {
        return "ActorHarness[" + engine.path + (engine.isStopped() ? ", stopped" : "") + ", " + elapsed() + "]";
    }
}
