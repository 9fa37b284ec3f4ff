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

    private volatile ActorCell<Object> cell;
    private volatile List<ChildInfo> children = List.of();
    private final ConcurrentHashMap<String, SupervisorView> nested = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> firstStart = new CompletableFuture<>();

    /** @return the supervisor's cell, or null before it was first built */
    public ActorCell<Object> cell() {
        return cell;
    }

    /** @return the latest snapshot of its children, in start order */
    public List<ChildInfo> children() {
        return children;
    }

    /** @return the view of a nested supervisor child, or null */
    public SupervisorView nested(String id) {
        return nested.get(id);
    }

    /** @return completes when the first start has started every child, or fails with the start failure */
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
