package dev.crema.testkit;

import dev.crema.actor.ActorFactory;
import dev.crema.actor.Addr;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.Terminated;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The children and death watches of the actor under an {@link ActorHarness}, with the runtime's rules: a
 * child is an inbox that refuses messages once stopped; stopping a watched child, or learning that a watched
 * actor stopped, queues a notice at the end of the mailbox; watching an actor known to have stopped notifies
 * at once; a restart stops the children (the notices of watched ones reach the new instance); a stop stops
 * them without notices. Owner thread only, like the engine.
 *
 * @param <M> the actor's message type
 */
final class HarnessFamily<M> {

    private final HarnessEngine<M> engine;
    private final Map<String, TestInbox<?>> live = new LinkedHashMap<>();
    private final Map<String, TestInbox<?>> spawned = new LinkedHashMap<>();
    private final Map<Addr<?>, Function<Terminated, ? extends M>> watches = new HashMap<>();
    private final Set<Addr<?>> terminated = new HashSet<>();
    private int anonymous;

    HarnessFamily(HarnessEngine<M> engine) {
        this.engine = engine;
    }

    <C> Addr<C> spawn(String name, ActorFactory<C> factory, SpawnOptions options) {
        String n = name != null ? name : "$" + ++anonymous;
        if (live.containsKey(n)) {
            throw new IllegalArgumentException("actor name '" + n + "' is already taken by a live child of "
                    + engine.path);
        }
        TestInbox<C> child = new TestInbox<>(engine.path + "/" + n, engine::deadLetterReceived);
        live.put(n, child);
        spawned.put(n, child);
        engine.effect(new Effect.Spawned(n, child, factory, options));
        return child;
    }

    List<Addr<?>> liveChildren() {
        return List.copyOf(live.values());
    }

    /** {@return the last child spawned with this name, live or stopped, or null} */
    TestInbox<?> child(String name) {
        return spawned.get(name);
    }

    Set<String> names() {
        return Set.copyOf(spawned.keySet());
    }

    /** {@code ctx.stop(child)}. */
    void stop(Addr<?> child) {
        String name = nameOf(child);
        if (name == null) {
            if (spawned.containsValue(child)) {
                return; // stopped already
            }
            throw new IllegalArgumentException(child + " is not a child of " + engine.path);
        }
        engine.effect(new Effect.Stopped(child));
        gone(name, null);
    }

    /** A restart ({@code notify}: watched children's notices are queued) or a stop (no notices, no watches left). */
    void stopAll(boolean notify) {
        for (String name : new ArrayList<>(live.keySet())) {
            if (notify) {
                gone(name, null);
            } else {
                live.remove(name).markStopped();
            }
        }
        if (!notify) {
            watches.clear();
        }
    }

    void watch(Addr<?> target, Function<Terminated, ? extends M> onTerminated) {
        watches.put(target, onTerminated);
        engine.effect(new Effect.Watched(target));
        if (terminated.contains(target)) {
            engine.enqueue(new HarnessEngine.Notice(target, new Terminated(target, null)));
        }
    }

    void unwatch(Addr<?> target) {
        if (watches.remove(target) != null) {
            engine.effect(new Effect.Unwatched(target));
        }
    }

    /** {@return the mapping of a watch that a notice fires (and so ends), or null if no longer watched} */
    Function<Terminated, ? extends M> takeWatch(Addr<?> target) {
        return watches.remove(target);
    }

    /** The test says {@code target} stopped: a child is gone; a watched actor's notice is queued. */
    void signalTerminated(Addr<?> target, Throwable cause) {
        String child = nameOf(target);
        if (child == null && !watches.containsKey(target)) {
            throw new IllegalArgumentException(target + " is neither watched by nor a live child of " + engine.path);
        }
        if (child != null) {
            gone(child, cause);
        } else {
            terminated.add(target);
            engine.enqueue(new HarnessEngine.Notice(target, new Terminated(target, cause)));
        }
    }

    private void gone(String name, Throwable cause) {
        TestInbox<?> child = live.remove(name);
        child.markStopped();
        terminated.add(child);
        if (watches.containsKey(child)) {
            engine.enqueue(new HarnessEngine.Notice(child, new Terminated(child, cause)));
        }
    }

    private String nameOf(Addr<?> child) {
        Objects.requireNonNull(child, "actor must not be null");
        for (Map.Entry<String, TestInbox<?>> e : live.entrySet()) {
            if (e.getValue().equals(child)) {
                return e.getKey();
            }
        }
        return null;
    }
}
