package dev.crema.testkit;

import dev.crema.actor.ActorContext;
import dev.crema.actor.ActorFactory;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.Terminated;
import dev.crema.actor.Timers;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@link ActorContext} an actor gets under an {@link ActorHarness}: each call is recorded as an
 * {@link Effect} and acted out without threads. Children are {@link TestInbox}es, timers run on the
 * harness's virtual time, watches wait for {@link ActorHarness#signalTerminated}.
 *
 * <p>Like the runtime's, confined to the actor's thread (here: the harness's), except {@link #self()} and
 * {@link #path()}.
 *
 * @param <M> the actor's message type
 */
final class HarnessContext<M> implements ActorContext<M> {

    private static final String NAME_CHARS = "-_.:@~+=";

    private final HarnessEngine<M> engine;

    HarnessContext(HarnessEngine<M> engine) {
        this.engine = engine;
    }

    @Override
    public Addr<M> self() {
        return engine.self;
    }

    @Override
    public String path() {
        return engine.path;
    }

    /**
     * There is none.
     *
     * @throws UnsupportedOperationException always, naming what to use instead
     */
    @Override
    public ActorSystem system() {
        throw new UnsupportedOperationException("ActorHarness runs " + engine.path + " without an actor system;"
                + " an actor that uses ctx.system() (its registry, its dead letters, top-level spawns) is tested"
                + " with ActorTestKit and TestProbe");
    }

    @Override
    public <C> Addr<C> spawn(String name, ActorFactory<C> factory) {
        return spawn(name, factory, SpawnOptions.defaults());
    }

    @Override
    public <C> Addr<C> spawn(String name, ActorFactory<C> factory, SpawnOptions options) {
        engine.checkOwner("spawn");
        Objects.requireNonNull(name, "actor name must not be null");
        Objects.requireNonNull(factory, "factory must not be null");
        Objects.requireNonNull(options, "spawn options must not be null");
        checkName(name);
        return engine.spawnChild(name, factory, options);
    }

    @Override
    public <C> Addr<C> spawnAnonymous(ActorFactory<C> factory) {
        return spawnAnonymous(factory, SpawnOptions.defaults());
    }

    @Override
    public <C> Addr<C> spawnAnonymous(ActorFactory<C> factory, SpawnOptions options) {
        engine.checkOwner("spawnAnonymous");
        Objects.requireNonNull(factory, "factory must not be null");
        Objects.requireNonNull(options, "spawn options must not be null");
        return engine.spawnChild(null, factory, options);
    }

    @Override
    public List<Addr<?>> children() {
        engine.checkOwner("children");
        return engine.family.liveChildren();
    }

    @Override
    public void stop() {
        engine.checkOwner("stop");
        engine.requestStop();
    }

    @Override
    public void stop(Addr<?> child) {
        engine.checkOwner("stop");
        Objects.requireNonNull(child, "child must not be null");
        engine.family.stop(child);
    }

    @Override
    public void watch(Addr<?> target, Function<Terminated, ? extends M> onTerminated) {
        engine.checkOwner("watch");
        Objects.requireNonNull(target, "watch target must not be null");
        Objects.requireNonNull(onTerminated, "onTerminated must not be null");
        if (target.equals(engine.self)) {
            throw new IllegalArgumentException(engine.path + " cannot watch itself");
        }
        engine.family.watch(target, onTerminated);
    }

    @Override
    public void unwatch(Addr<?> target) {
        engine.checkOwner("unwatch");
        Objects.requireNonNull(target, "unwatch target must not be null");
        engine.family.unwatch(target);
    }

    @Override
    public Timers<M> timers() {
        engine.checkOwner("timers");
        return engine.timers;
    }

    /** The runtime's rule: letters, digits and {@code -_.:@~+=}, not empty, not starting with {@code $}. */
    private static void checkName(String name) {
        boolean ok = !name.isEmpty() && name.charAt(0) != '$';
        for (int i = 0; ok && i < name.length(); i++) {
            char c = name.charAt(i);
            ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || NAME_CHARS.indexOf(c) >= 0;
        }
        if (!ok) {
            throw new IllegalArgumentException("invalid actor name '" + name + "': use letters, digits and "
                    + NAME_CHARS + ", not starting with $");
        }
    }

    @Override
    public String toString() {
        return "HarnessContext[" + engine.path + "]";
    }
}
