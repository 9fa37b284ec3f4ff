package dev.crema.testkit;

import dev.crema.actor.ActorFactory;
import dev.crema.actor.Addr;
import dev.crema.actor.Directive;
import dev.crema.actor.SpawnOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Something an actor did through its context, or that its parent did to it, as recorded by
 * {@link ActorHarness}: the record of a synchronous test. Messages it sent are not effects: they are in
 * the {@link TestInbox}es it sent them to.
 *
 * <pre>{@code
 * harness.tell(new Order("latte", customer));
 * Effect.TimerStarted brew = harness.expectEffect(Effect.TimerStarted.class);
 * assertThat(brew.delay()).isEqualTo(Duration.ofMinutes(1));
 * }</pre>
 *
 * <p>Immutable records, compared by value (the addresses, messages and causes they hold by their own
 * {@code equals}).
 */
public sealed interface Effect {

    /**
     * The actor spawned a child. The child does not run: its address is a {@link TestInbox}
     * ({@link ActorHarness#childInbox}); {@code ActorHarness.of(name, factory)} tests it on its own.
     *
     * @param name    the child's name ({@code $1}, {@code $2}, ... for an anonymous child)
     * @param child   its address
     * @param factory the factory it was spawned with
     * @param options the options it was spawned with
     */
    record Spawned(String name, TestInbox<?> child, ActorFactory<?> factory, SpawnOptions options) implements Effect {
        /**
         * Checks the components.
         *
         * @param name    the child's name
         * @param child   its address
         * @param factory its factory
         * @param options its options
         */
        public Spawned {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(child, "child must not be null");
            Objects.requireNonNull(factory, "factory must not be null");
            Objects.requireNonNull(options, "options must not be null");
        }
    }

    /**
     * The actor stopped itself ({@code ctx.stop()}: {@code actor} is its own address) or one of its children
     * ({@code ctx.stop(child)}).
     *
     * @param actor the actor stopped
     */
    record Stopped(Addr<?> actor) implements Effect {
    }

    /**
     * The actor started watching another ({@code ctx.watch}).
     *
     * @param target the actor watched
     */
    record Watched(Addr<?> target) implements Effect {
    }

    /**
     * The actor stopped watching another ({@code ctx.unwatch}).
     *
     * @param target the actor no longer watched
     */
    record Unwatched(Addr<?> target) implements Effect {
    }

    /**
     * The actor started (or replaced) a timer.
     *
     * @param key      the timer's key
     * @param message  the message it sends
     * @param delay    the delay, or for a periodic timer the interval
     * @param periodic whether it repeats
     */
    record TimerStarted(Object key, Object message, Duration delay, boolean periodic) implements Effect {
    }

    /**
     * The actor cancelled an active timer ({@code cancel(key)}, or {@code cancelAll()} once per active timer).
     * Timers cancelled by a restart or a stop are not recorded: they all are.
     *
     * @param key the timer's key
     */
    record TimerCancelled(Object key) implements Effect {
    }

    /**
     * The actor failed and its {@link dev.crema.actor.Decider} chose what happened next.
     *
     * @param cause     what it threw
     * @param message   the message it was handling (for a {@link dev.crema.actor.BatchActor}, the batch's
     *                  {@link java.util.List}, as an {@link dev.crema.actor.Interceptor} sees it), or
     *                  {@code null} if it failed while starting
     * @param directive the decision: resume, restart, stop or escalate (escalating stops it: the harness has
     *                  no parent to pass the failure to)
     */
    record Failed(Throwable cause, Object message, Directive directive) implements Effect {
    }

    /**
     * A lifecycle hook ({@code postStop}, {@code preRestart}) or the decider threw; the runtime logs this
     * and carries on, and so does the harness.
     *
     * @param hook  {@code "postStop"}, {@code "preRestart"} or {@code "decider"}
     * @param cause what it threw
     */
    record HookFailed(String hook, Throwable cause) implements Effect {
    }
}
