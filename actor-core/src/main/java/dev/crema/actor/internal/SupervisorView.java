package dev.crema.actor.internal;

import dev.crema.actor.supervision.ChildInfo;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a {@link dev.crema.actor.supervision.Supervisor} handle sees of its supervisor, across the
 * supervisor's restarts: its current cell, a snapshot of its children, the views of nested supervisors,
 * and the outcome of its first start.
 *
 * <p>Thread-safe: written by the supervisor's thread (volatile snapshots, concurrent map), read by any.
 */
public final class SupervisorView {

    private final java.time.Duration commandTimeout;
    private volatile ActorCell<Object> cell;
    private volatile List<ChildInfo> children = List.of();
    private final ConcurrentHashMap<String, SupervisorView> nested = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> firstStart = new CompletableFuture<>();

    /**
     * Creates the view of a supervisor about to be spawned.
     *
     * @param commandTimeout how long the handle's operator commands wait
     */
    public SupervisorView(java.time.Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    /** {@return how long the handle's operator commands wait} */
    public java.time.Duration commandTimeout() {
        return commandTimeout;
    }

    /**
     * Binds the view to the supervisor's actor as soon as it is spawned, so the handle can watch, stop and
     * command it at once; and makes sure the first start completes, exceptionally, should the actor stop
     * (the system shutting down, the parent stopping) before all its children have started.
     *
     * @param supervisor the supervisor's address, as the spawn returned it
     */
    @SuppressWarnings("unchecked")
    public void spawned(dev.crema.actor.Addr<?> supervisor) {
        ActorCell<Object> c = (ActorCell<Object>) supervisor;
        this.cell = c;
        c.runtime().whenTerminated(c).thenAccept(t -> firstStart.completeExceptionally(new IllegalStateException(
                "supervisor " + c.path() + " stopped before all its children had started"
                        + (c.runtime().isShuttingDown() ? ": the actor system is shutting down" : ""),
                t.failure())));
    }

    /** {@return the supervisor's cell, or null before it was first built} */
    public ActorCell<Object> cell() {
        return cell;
    }

    /** {@return the latest snapshot of its children, in start order} */
    public List<ChildInfo> children() {
        return children;
    }

    /** {@return the view of a nested supervisor child, or null} */
    public SupervisorView nested(String id) {
        return nested.get(id);
    }

    /** {@return completes when the first start has started every child, or fails with the start failure} */
    public CompletableFuture<Void> firstStart() {
        return firstStart;
    }

    void attach(ActorCell<Object> supervisor) {
        this.cell = supervisor;
    }

    void publish(List<ChildInfo> snapshot) {
        this.children = List.copyOf(snapshot);
    }

    void putNested(String id, SupervisorView view) {
        nested.put(id, view);
    }

    void removeNested(String id) {
        nested.remove(id);
    }

    void started() {
        firstStart.complete(null);
    }

    void startFailed(Throwable cause) {
        firstStart.completeExceptionally(cause);
    }
}
