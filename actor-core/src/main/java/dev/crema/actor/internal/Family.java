package dev.crema.actor.internal;

import dev.crema.actor.ActorFactory;
import dev.crema.actor.SpawnOptions;
import java.util.Objects;

/**
 * Parents and children: spawning a child links it into its parent's children list (start order, see
 * {@link CellState}) and dispatches its first turn, which builds the instance on the child's own thread.
 * Called on the parent's thread, or on any thread for the root guardian (top-level spawns).
 */
final class Family {

    private Family() {
    }

    static <C> ActorCell<C> spawn(ActorCell<?> parent, String name, ActorFactory<C> factory, SpawnOptions options,
                                  boolean supervised) {
        Objects.requireNonNull(factory, "actor factory must not be null");
        Objects.requireNonNull(options, "spawn options must not be null");
        SystemRuntime rt = parent.runtime();
        CellProps props = supervised ? rt.props(options).withAckStart() : rt.props(options);
        ActorCell<C> child = new ActorCell<>(props, parent, name, rt.nextUid(), factory);
        if (rt.isShuttingDown()) {
            throw rt.spawnAfterShutdown(name);
        }
        rt.actorStarted();
        try {
            parent.state().addChild(parent, child, name); // checks the name and whether the parent is stopping
        } catch (RuntimeException refused) {
            rt.actorNeverStarted();
            throw rt.isShuttingDown() ? rt.spawnAfterShutdown(name) : refused;
        }
        child.dispatch(); // the first turn builds the instance
        return child;
    }
}
