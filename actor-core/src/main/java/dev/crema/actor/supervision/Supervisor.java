package dev.crema.actor.supervision;

import dev.crema.actor.ActorContext;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.Decider;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.Terminated;
import dev.crema.actor.internal.ActorCell;
import dev.crema.actor.internal.SupervisorActor;
import dev.crema.actor.internal.SupervisorCommand;
import dev.crema.actor.internal.SupervisorView;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A handle to a supervisor: an actor that starts children from a {@link SupervisorSpec}, in order, and
 * keeps them running with Erlang/OTP's semantics (strategies, restart types, intensity with escalation,
 * auto-shutdown), plus backoff. Restarted children keep their {@link Addr}, their mailbox and their
 * registry names.
 *
 * <pre>{@code
 * static final ChildSpec<Order> BARISTA = ChildSpec.worker("barista", Barista::new);
 *
 * Supervisor manager = Supervisor.start(system, "manager", SupervisorSpec.oneForOne()
 *         .withIntensity(5, Duration.ofSeconds(10))
 *         .withChild(BARISTA)
 *         .withChild(ChildSpec.worker("till", Till::new)));
 * Addr<Order> barista = manager.child(BARISTA).orElseThrow();   // stable across restarts
 * manager.children().forEach(c -> System.out.println(c.id() + " " + c.status() + " restarts=" + c.restarts()));
 * }</pre>
 *
 * <h2>Escalation</h2>
 * When a supervisor exceeds its restart intensity it stops all its children in reverse start order and
 * fails with {@link RestartIntensityExceededException}; its parent decides. A supervisor started with
 * {@link #start(ActorSystem, String, SupervisorSpec)} is top-level: its failure is logged, it is stopped,
 * and the system's {@link dev.crema.actor.TopLevelFailureHandler} is called.
 *
 * <h2>Deliberate differences from OTP</h2>
 * A restart replaces the instance inside the same actor rather than starting a new process, so the address
 * and the queued messages survive (OTP gives a restarted child a new pid and drops its mailbox). A child
 * that stopped itself and is permanent is likewise restarted in place. A child stopped from outside its
 * supervisor (by {@link ActorSystem#stop}) is restarted, if its restart type says so, as a new actor with a
 * new address. In a one-for-all or rest-for-one restart, children that had already finished (a transient
 * child that stopped normally, one terminated on request) stay stopped.
 *
 * <p>Thread-safe. The inspection methods read a snapshot the supervisor publishes after every change;
 * the operator commands are messages to the supervisor and complete when it has carried them out.
 */
public final class Supervisor {

    private final SupervisorView view;

    private Supervisor(SupervisorView view) {
        this.view = view;
    }

    /**
     * Starts a top-level supervisor and waits until all its children have started.
     *
     * @param system the system
     * @param name   the supervisor's actor name
     * @param spec   what it supervises
     * @return the handle
     * @throws SupervisorStartException if a child failed to start (the cause says why); the children
     *                                  started before it have been stopped
     * @throws IllegalStateException    if the start did not finish within {@link SupervisorSpec#startTimeout()}
     * @throws NullPointerException     if an argument is {@code null}
     */
    public static Supervisor start(ActorSystem system, String name, SupervisorSpec spec) {
        Objects.requireNonNull(spec, "supervisor spec must not be null");
        CompletableFuture<Supervisor> started = startAsync(system, name, spec);
        try {
            return started.get(spec.startTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("supervisor '" + name + "' failed to start", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("supervisor '" + name + "' did not start its children within "
                    + spec.startTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting supervisor '" + name + "'", e);
        }
    }

    /**
     * Starts a top-level supervisor without waiting.
     *
     * @param system the system
     * @param name   the supervisor's actor name
     * @param spec   what it supervises
     * @return completes with the handle once every child has started; fails as {@link #started()} does
     * @throws NullPointerException if an argument is {@code null}
     */
    public static CompletableFuture<Supervisor> startAsync(ActorSystem system, String name, SupervisorSpec spec) {
        Objects.requireNonNull(system, "system must not be null");
        Objects.requireNonNull(spec, "supervisor spec must not be null");
        SupervisorView view = new SupervisorView(spec.commandTimeout());
        view.spawned(system.spawn(name, SupervisorActor.factory(spec, view),
                SpawnOptions.defaults().withDecider(Decider.escalate())));
        Supervisor handle = new Supervisor(view);
        return view.firstStart().thenApply(v -> handle);
    }

    /**
     * Starts a supervisor as a child of an actor (from the actor's own thread). Returns at once with a handle
     * that can be watched, stopped and commanded right away; the children start in the background
     * ({@link #started()}). Its failures are decided by the parent
     * actor through the options' {@link Decider} ({@link Decider#stop()} by default).
     *
     * @param parent  the parent actor's context
     * @param name    the supervisor's actor name
     * @param spec    what it supervises
     * @param options spawn options of the supervisor actor itself
     * @return the handle
     * @throws NullPointerException if an argument is {@code null}
     */
    public static Supervisor start(ActorContext<?> parent, String name, SupervisorSpec spec, SpawnOptions options) {
        Objects.requireNonNull(parent, "parent context must not be null");
        Objects.requireNonNull(spec, "supervisor spec must not be null");
        SupervisorView view = new SupervisorView(spec.commandTimeout());
        view.spawned(parent.spawn(name, SupervisorActor.factory(spec, view), options));
        return new Supervisor(view);
    }

    /**
     * Returns a future for the first start of the children.
     *
     * @return completes when the first start has started every child; fails with the
     *         {@link SupervisorStartException} of a child that could not start, or with
     *         {@link IllegalStateException} if the supervisor stopped first (its parent stopping, the system
     *         shutting down)
     */
    public CompletableFuture<Supervisor> started() {
        return view.firstStart().thenApply(v -> this);
    }

    /** {@return the supervisor's own address} */
    public Addr<?> addr() {
        return cell();
    }

    private ActorCell<Object> cell() {
        ActorCell<Object> c = view.cell();
        if (c == null) {
            throw new IllegalStateException("the supervisor has not been built yet");
        }
        return c;
    }

    /** {@return its children in start order: id, address, status, restart type and restart count} */
    public List<ChildInfo> children() {
        return view.children();
    }

    /**
     * One child's current state.
     *
     * @param id the child's id
     * @return its info, or empty if there is no such child
     */
    public Optional<ChildInfo> child(String id) {
        Objects.requireNonNull(id, "child id must not be null");
        for (ChildInfo c : view.children()) {
            if (c.id().equals(id)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * A child's address, typed by the spec it was started from.
     *
     * @param spec the child's spec (its id selects the child)
     * @param <M>  the child's message type
     * @return the address, or empty if the child does not exist or is stopped
     */
    @SuppressWarnings("unchecked")
    public <M> Optional<Addr<M>> child(ChildSpec<M> spec) {
        Objects.requireNonNull(spec, "child spec must not be null");
        return child(spec.id()).map(c -> (Addr<M>) c.addr());
    }

    /**
     * The handle of a nested supervisor child.
     *
     * @param id the child's id
     * @return the handle, or empty if there is no such supervisor child
     */
    public Optional<Supervisor> childSupervisor(String id) {
        Objects.requireNonNull(id, "child id must not be null");
        SupervisorView nested = view.nested(id);
        return nested == null ? Optional.empty() : Optional.of(new Supervisor(nested));
    }

    /**
     * Adds a child and starts it after the existing ones (OTP {@code start_child}). A child that fails to
     * start is not added.
     *
     * <p>Every operator command is a message to the supervisor, carried out in order with its other work,
     * and its future completes when that is done. Each future fails with: {@link IllegalArgumentException}
     * for an unknown child id, a duplicate id or the wrong kind of supervisor; {@link IllegalStateException}
     * for a child in the wrong state or a supervisor that is shutting down;
     * {@link dev.crema.actor.AskRejectedException} if the supervisor has stopped (reason
     * {@link dev.crema.actor.DeadLetterReason#SHUTDOWN} while the system shuts down);
     * {@link dev.crema.actor.AskTimeoutException} if it did not answer within
     * {@link SupervisorSpec#commandTimeout()} (30 s by default). Each arrives wrapped in a
     * {@link CompletionException} when read with {@code join}, in an {@link ExecutionException} with
     * {@code get}.
     *
     * @param spec the child
     * @param <M>  its message type
     * @return completes with its address once it has started; fails with {@link SupervisorStartException}
     *         if it could not start, {@link IllegalArgumentException} if the id exists or this is a pool
     * @throws NullPointerException if {@code spec} is {@code null}
     */
    @SuppressWarnings("unchecked")
    public <M> CompletableFuture<Addr<M>> startChild(ChildSpec<M> spec) {
        Objects.requireNonNull(spec, "child spec must not be null");
        return command(r -> new SupervisorCommand.StartChild(spec, r)).thenApply(a -> (Addr<M>) a);
    }

    /**
     * Starts one more member of a {@link SupervisorSpec#pool pool}, untyped; see
     * {@link #startPoolChild(ChildSpec)} for the typed form.
     *
     * @return completes with its address once it has started; fails with {@link IllegalArgumentException}
     *         if this supervisor is not a pool (and as {@link #startChild(ChildSpec)} otherwise)
     */
    public CompletableFuture<Addr<?>> startChild() {
        return command(r -> new SupervisorCommand.StartPoolChild(null, r)).thenApply(a -> (Addr<?>) a);
    }

    /**
     * Starts one more member of a {@link SupervisorSpec#pool pool}, typed by the pool's template.
     *
     * <pre>{@code
     * static final ChildSpec<Job> WORKER = ChildSpec.worker("worker", Worker::new);
     * Supervisor pool = Supervisor.start(system, "workers", SupervisorSpec.pool(WORKER));
     * Addr<Job> w = pool.startPoolChild(WORKER).join();   // id "worker-1", then "worker-2", ...
     * }</pre>
     *
     * @param template the template the pool was built with (its id must match)
     * @param <M>      the members' message type
     * @return completes with the new member's address once it has started; fails with
     *         {@link IllegalArgumentException} if this is not a pool or {@code template} is not its template
     * @throws NullPointerException if {@code template} is {@code null}
     */
    @SuppressWarnings("unchecked")
    public <M> CompletableFuture<Addr<M>> startPoolChild(ChildSpec<M> template) {
        Objects.requireNonNull(template, "pool template must not be null");
        return command(r -> new SupervisorCommand.StartPoolChild(template, r)).thenApply(a -> (Addr<M>) a);
    }

    /**
     * Stops a child within its stop policy and keeps its spec, stopped (a temporary child is removed);
     * OTP {@code terminate_child}. It stays stopped until {@link #restartChild}: a restart it was waiting
     * for (a backoff) is cancelled. Not counted as "finished" for auto-shutdown.
     *
     * @param id the child's id
     * @return completes when it has stopped; fails with {@link IllegalArgumentException} for an unknown id
     *         (see {@link #startChild(ChildSpec)} for the other failures)
     * @throws NullPointerException if {@code id} is {@code null}
     */
    public CompletableFuture<Void> terminateChild(String id) {
        Objects.requireNonNull(id, "child id must not be null");
        return command(r -> new SupervisorCommand.TerminateChild(id, r)).thenApply(x -> null);
    }

    /**
     * Starts a stopped child again (OTP {@code restart_child}), untyped; see
     * {@link #restartChild(ChildSpec)} for the typed form.
     *
     * @param id the child's id
     * @return completes with its new address once it has started; fails with
     *         {@link IllegalArgumentException} for an unknown id, {@link IllegalStateException} if it is
     *         running (terminate it first)
     * @throws NullPointerException if {@code id} is {@code null}
     */
    public CompletableFuture<Addr<?>> restartChild(String id) {
        Objects.requireNonNull(id, "child id must not be null");
        return command(r -> new SupervisorCommand.RestartChild(id, r)).thenApply(a -> (Addr<?>) a);
    }

    /**
     * Starts a stopped child again, typed by its spec (its id selects the child).
     *
     * @param spec the child's spec
     * @param <M>  its message type
     * @return as {@link #restartChild(String)}
     * @throws NullPointerException if {@code spec} is {@code null}
     */
    @SuppressWarnings("unchecked")
    public <M> CompletableFuture<Addr<M>> restartChild(ChildSpec<M> spec) {
        Objects.requireNonNull(spec, "child spec must not be null");
        return restartChild(spec.id()).thenApply(a -> (Addr<M>) a);
    }

    /**
     * Forgets a stopped child (OTP {@code delete_child}).
     *
     * @param id the child's id
     * @return completes when it is forgotten; fails with {@link IllegalArgumentException} for an unknown id,
     *         {@link IllegalStateException} if it is running
     * @throws NullPointerException if {@code id} is {@code null}
     */
    public CompletableFuture<Void> deleteChild(String id) {
        Objects.requireNonNull(id, "child id must not be null");
        return command(r -> new SupervisorCommand.DeleteChild(id, r)).thenApply(x -> null);
    }

    /** Stops the supervisor: its children stop first, in reverse start order, each within its stop policy. */
    public void stop() {
        ActorCell<Object> c = cell();
        c.system().stop(c);
    }

    /** {@return a future that completes when the supervisor has stopped (at once if it has)} */
    public CompletableFuture<Terminated> whenTerminated() {
        ActorCell<Object> c = cell();
        return c.system().whenTerminated(c);
    }

    private CompletableFuture<Object> command(Function<Addr<Object>, SupervisorCommand> request) {
        return cell().ask(request::apply, view.commandTimeout()).thenApply(Supervisor::unwrap);
    }

    private static Object unwrap(Object reply) {
        if (reply instanceof RuntimeException e) {
            throw e instanceof CompletionException ce ? ce : new CompletionException(e);
        }
        return reply;
    }

    @Override
    public String toString() {
        ActorCell<Object> c = view.cell();
        return "Supervisor[" + (c == null ? "not started" : c.path()) + "]";
    }
}
