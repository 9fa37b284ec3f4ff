package dev.crema.actor.internal;

import dev.crema.actor.Addr;
import dev.crema.actor.Registry;
import dev.crema.actor.RegistryKey;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * The system's name registry.
 *
 * <h2>Concurrency</h2>
 * {@code names} is a {@link ConcurrentHashMap}; {@code putIfAbsent} makes exactly one of concurrent
 * registrations win. Registration and termination are ordered by the actor's {@link CellState}
 * monitor: a name is recorded on the actor under that monitor only while its names are still open, and
 * termination closes them under the same monitor before releasing each, so a name can never outlive its
 * actor. Waiters ({@link #whenRegistered}) are added before the map is checked and completed after every
 * registration, so a registration racing a waiter is seen by one side or the other.
 */
final class NameRegistry implements Registry {

    private record Entry(RegistryKey<?> key, ActorCell<?> cell) {
    }

    private final SystemRuntime runtime;
    private final ConcurrentHashMap<String, Entry> names = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CopyOnWriteArrayList<Waiter<?>>> waiters = new ConcurrentHashMap<>();

    NameRegistry(SystemRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public <M> void register(RegistryKey<M> key, Addr<M> addr) {
        Objects.requireNonNull(key, "registry key must not be null");
        ActorCell<?> cell = runtime.localCell(addr, "register");
        Entry entry = new Entry(key, cell);
        CellState st = cell.state();
        synchronized (st) {
            if (cell.isTerminated() || !st.addName(key)) {
                throw new IllegalStateException("cannot register '" + key.name() + "': " + cell.path()
                        + " has stopped");
            }
            Entry existing = names.putIfAbsent(key.name(), entry);
            if (existing != null) {
                st.removeName(key);
                throw new IllegalStateException("name '" + key.name() + "' is already registered to "
                        + existing.cell().path());
            }
        }
        notifyWaiters(key.name(), entry);
    }

    @Override
    public <M> boolean unregister(RegistryKey<M> key, Addr<M> addr) {
        Objects.requireNonNull(key, "registry key must not be null");
        Objects.requireNonNull(addr, "addr must not be null");
        if (!(addr instanceof ActorCell<?> cell)) {
            return false;
        }
        Entry entry = names.get(key.name());
        if (entry == null || entry.cell() != cell || !entry.key().equals(key)) {
            return false;
        }
        cell.state().removeName(entry.key());
        return names.remove(key.name(), entry);
    }

    /** Releases a name at its actor's termination (owner thread of the terminating actor). */
    void release(RegistryKey<?> key, ActorCell<?> cell) {
        names.computeIfPresent(key.name(), (k, e) -> e.cell() == cell ? null : e);
    }

    @Override
    public <M> Optional<Addr<M>> lookup(RegistryKey<M> key) {
        Objects.requireNonNull(key, "registry key must not be null");
        Entry e = names.get(key.name());
        return e == null ? Optional.empty() : Optional.of(typed(key, e));
    }

    @SuppressWarnings("unchecked")
    private static <M> Addr<M> typed(RegistryKey<M> key, Entry e) {
        if (!e.key().type().equals(key.type())) {
            throw new IllegalArgumentException("name '" + key.name() + "' is registered for messages of type "
                    + e.key().type().getName() + ", not " + key.type().getName());
        }
        return (Addr<M>) e.cell();
    }

    @Override
    public <M> CompletableFuture<Addr<M>> whenRegistered(RegistryKey<M> key, Duration timeout) {
        Objects.requireNonNull(key, "registry key must not be null");
        long nanos = Checks.positiveNanos(timeout, "registry wait timeout");
        Waiter<M> w = new Waiter<>(key);
        String name = key.name();
        w.future.whenComplete((a, t) -> removeWaiter(name, w));
        waiters.compute(name, (n, list) -> {
            CopyOnWriteArrayList<Waiter<?>> l = list != null ? list : new CopyOnWriteArrayList<>();
            l.add(w);
            return l;
        });
        Entry now = names.get(name);
        if (now != null) {
            w.complete(now);
        } else if (runtime.isShuttingDown()) {
            w.future.completeExceptionally(new IllegalStateException("no actor can register as " + key
                    + ": actor system '" + runtime.name() + "' is shut down"));
        } else {
            var task = runtime.timers().schedule(new WaitTimeout(w, timeout), nanos);
            w.future.whenComplete((a, t) -> task.cancel());
        }
        return w.future;
    }

    private void notifyWaiters(String name, Entry entry) {
        CopyOnWriteArrayList<Waiter<?>> list = waiters.get(name);
        if (list != null) {
            for (Waiter<?> w : list) {
                w.complete(entry);
            }
        }
    }

    private void removeWaiter(String name, Waiter<?> w) {
        waiters.computeIfPresent(name, (n, list) -> {
            list.remove(w);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public Set<String> names() {
        return Set.copyOf(names.keySet());
    }

    /** Registered names and pending waiters; both return to zero when actors stop (for leak tests). */
    int size() {
        return names.size() + waiters.size();
    }

    /** Fails a wait at its timeout, or at once if the system shuts down first (the timer never fires then). */
    private final class WaitTimeout implements Runnable, Timeline.ShutdownAware {
        private final Waiter<?> waiter;
        private final Duration timeout;

        WaitTimeout(Waiter<?> waiter, Duration timeout) {
            this.waiter = waiter;
            this.timeout = timeout;
        }

        @Override
        public void run() {
            waiter.future.completeExceptionally(new TimeoutException("no actor registered as " + waiter.key
                    + " within " + timeout));
        }

        @Override
        public void onSystemShutdown() {
            waiter.future.completeExceptionally(new IllegalStateException("no actor registered as " + waiter.key
                    + ": actor system '" + runtime.name() + "' shut down"));
        }
    }

    private static final class Waiter<M> {
        final RegistryKey<M> key;
        final CompletableFuture<Addr<M>> future = new CompletableFuture<>();

        Waiter(RegistryKey<M> key) {
            this.key = key;
        }

        void complete(Entry e) {
            try {
                future.complete(typed(key, e));
            } catch (IllegalArgumentException wrongType) {
                future.completeExceptionally(wrongType);
            }
        }
    }
}
