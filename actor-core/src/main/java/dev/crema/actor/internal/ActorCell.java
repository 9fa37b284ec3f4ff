package dev.crema.actor.internal;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.ActorFactory;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.FatalErrorPolicy;
import dev.crema.actor.SendResult;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.SystemConfig;
import dev.crema.actor.Terminated;
import dev.crema.actor.Timers;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * A local actor: its mailbox ({@link MailboxCell}), its instance and its lifecycle. It is the
 * {@link Addr} users hold and the {@link ActorContext} the actor uses; everything else about it is
 * package-private and not exported.
 *
 * <h2>Lifecycle (owner thread only)</h2>
 * <pre>
 *  NEW ──create──▶ RUNNING ──throws──▶ FAILED ──Resume──▶ RUNNING
 *                     │                   └────Restart──▶ RESTARTING ──children gone──▶ RUNNING (new instance)
 *                     ├──Stop(drain)──▶ DRAINING ──mailbox empty──▶ STOPPING
 *                     └──Stop(now)──────────────────────────────▶ STOPPING ──children gone──▶ TERMINATED
 * </pre>
 * FAILED, RESTARTING and STOPPING hold the SUSPENDED bit (no user messages are taken); DRAINING and
 * STOPPING hold CLOSED (no user messages are accepted). A stop overrides a pending failure decision or
 * restart. Children stop one at a time in reverse start order (all at once when forced), and the parent
 * terminates only after the last one has.
 *
 * <p>Phase and instance fields are plain: only the thread running the current turn touches them, and
 * turns are ordered by the run token (see {@link MailboxCell}).
 */
public final class ActorCell<M> extends MailboxCell implements Addr<M>, ActorContext<M>, Watcher {

    private static final Logger LOG = Loggers.FAILURES;

    static final int NEW = 0;
    static final int RUNNING = 1;
    static final int FAILED = 2;
    static final int RESTARTING = 3;
    static final int DRAINING = 4;
    static final int STOPPING = 5;
    static final int TERMINATED_PHASE = 6;

    private static final VarHandle STATE;
    /** The system whose actor the current thread is running, for threads not from the system's pools. */
    private static final ThreadLocal<SystemRuntime> TURN_OF = new ThreadLocal<>();

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(CellLayoutColdFields.class, "state", CellState.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // parent, name, uid, factory, state, pathCache and the sibling links are declared in
    // CellLayoutColdFields, away from the mailbox word's cache line; these are read on every message:
    private Actor<M> actor;
    private int phase;
    private boolean stopSelf;

    ActorCell(CellProps props, ActorCell<?> parent, String name, int uid, ActorFactory<M> factory) {
        super(props, parent, name, uid, factory);
    }

    // ================================================================ identity

    String name() {
        return name;
    }

    @Override
    public String path() {
        String p = pathCache;
        if (p == null) {
            // benign race: every thread computes the same string
            p = parent == null ? props.runtime.rootPath()
                    : parent.path() + "/" + (name != null ? name : "$" + Integer.toUnsignedString(uid));
            pathCache = p;
        }
        return p;
    }

    @Override
    public String toString() {
        return path();
    }

    SystemRuntime runtime() {
        return props.runtime;
    }

    /** Whether the calling thread is running a turn of an actor of {@code rt} on a foreign executor. */
    static boolean inTurnOf(SystemRuntime rt) {
        return TURN_OF.get() == rt;
    }

    /** The state holder, created on first need by any thread (CAS), see {@link CellState}. */
    CellState state() {
        CellState s = state;
        if (s == null) {
            s = new CellState();
            if (!STATE.compareAndSet(this, (CellState) null, s)) {
                s = state;
            }
        }
        return s;
    }

    CellState stateOrNull() {
        return state;
    }

    Throwable terminationCause() {
        CellState s = state;
        return s == null ? null : s.terminationCause;
    }

    // ================================================================ Addr (any thread)

    @Override
    public void tell(M message) {
        Objects.requireNonNull(message, "message must not be null");
        SendResult r = offer(message);
        if (r != SendResult.ACCEPTED) {
            if (r == SendResult.FULL && firstOverflow()) {
                Loggers.DEAD_LETTERS.warn("{} has a full mailbox (capacity {}): tell dead-lettered a message to it "
                        + "(MAILBOX_FULL). This is said once per actor; every later one is counted in deadLetters(). "
                        + "To wait for room use send(message, timeout); to be told, trySend(message); or give the "
                        + "actor a larger Mailbox.bounded(n) or Mailbox.unbounded().", path(), props.capacity);
            }
            DeadLetterReason reason = reasonFor(r);
            state().countDeadLetters(reason, 1);
            props.runtime.deadLetters().publish(path(), message, reason, null);
        }
    }

    DeadLetterReason reasonFor(SendResult r) {
        if (r == SendResult.FULL) {
            return DeadLetterReason.MAILBOX_FULL;
        }
        return props.runtime.isShuttingDown() ? DeadLetterReason.SHUTDOWN : DeadLetterReason.STOPPED;
    }

    @Override
    public SendResult trySend(M message) {
        Objects.requireNonNull(message, "message must not be null");
        return offer(message);
    }

    @Override
    public SendResult send(M message, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(message, "message must not be null");
        long nanos = Checks.positiveNanos(timeout, "send timeout");
        SendResult r = offer(message);
        if (r != SendResult.FULL) {
            return r;
        }
        if (runner == Thread.currentThread()) {
            throw new IllegalStateException(path() + " tried to send to its own full mailbox and wait: it "
                    + "would wait for itself forever. Use trySend or tell from inside the actor.");
        }
        return Backoff.offerUntil(this, message, nanos);
    }

    @Override
    public <R> CompletableFuture<R> ask(Function<Addr<R>, ? extends M> request, Duration timeout) {
        Objects.requireNonNull(request, "request function must not be null");
        long nanos = Checks.positiveNanos(timeout, "ask timeout");
        AskPromise<R> promise = new AskPromise<>(props.runtime, this, timeout);
        M message = Objects.requireNonNull(request.apply(promise), "the ask request function returned null");
        promise.start(message.getClass(), offer(message), nanos);
        return promise.future();
    }

    // ================================================================ ActorContext (owner thread)

    void checkThread() {
        if (runner != Thread.currentThread()) {
            throw new IllegalStateException("the ActorContext of " + path() + " was used from thread '"
                    + Thread.currentThread().getName() + "'; it may only be used from the actor's own "
                    + "thread (its factory and handlers). Send the actor a message instead.");
        }
    }

    @Override
    public Addr<M> self() {
        return this;
    }

    @Override
    public ActorSystem system() {
        return props.runtime.facade();
    }

    @Override
    public <C> Addr<C> spawn(String name, ActorFactory<C> factory) {
        return spawn(name, factory, SpawnOptions.defaults());
    }

    @Override
    public <C> Addr<C> spawn(String name, ActorFactory<C> factory, SpawnOptions options) {
        checkThread();
        Checks.actorName(name);
        return spawnChild(name, factory, options, false);
    }

    @Override
    public <C> Addr<C> spawnAnonymous(ActorFactory<C> factory) {
        return spawnAnonymous(factory, SpawnOptions.defaults());
    }

    @Override
    public <C> Addr<C> spawnAnonymous(ActorFactory<C> factory, SpawnOptions options) {
        checkThread();
        return spawnChild(null, factory, options, false);
    }

    /**
     * Spawns a child that acknowledges its starts and reports its own normal stop to this actor instead of
     * terminating (a supervised child). Owner thread.
     */
    <C> ActorCell<C> spawnSupervised(String childName, ActorFactory<C> childFactory, SpawnOptions options) {
        return spawnChild(childName, childFactory, options, true);
    }

    /** Creates, links and dispatches a child. The owner's thread, or any thread for the root. */
    <C> ActorCell<C> spawnChild(String childName, ActorFactory<C> childFactory, SpawnOptions options,
                                boolean supervised) {
        return Family.spawn(this, childName, childFactory, options, supervised);
    }

    @Override
    public List<Addr<?>> children() {
        checkThread();
        CellState s = state;
        return s == null ? List.of() : s.childAddrs();
    }

    @Override
    public void stop() {
        checkThread();
        stopSelf = true;
    }

    @Override
    public void stop(Addr<?> child) {
        checkThread();
        Objects.requireNonNull(child, "child must not be null");
        if (!(child instanceof ActorCell<?> c) || c.parent != this) {
            throw new IllegalArgumentException(child + " is not a child of " + path());
        }
        c.requestStop(false, false, null);
    }

    @Override
    public void watch(Addr<?> target, Function<Terminated, ? extends M> onTerminated) {
        checkThread();
        DeathWatch.watch(this, target, onTerminated);
    }

    @Override
    public void unwatch(Addr<?> target) {
        checkThread();
        DeathWatch.unwatch(this, target);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Timers<M> timers() {
        checkThread();
        CellState s = state();
        if (s.timers == null) {
            s.timers = new ActorTimers<>(this);
        }
        return (Timers<M>) s.timers;
    }

    /**
     * Asks this actor to stop. Any thread. The mailbox closes at once, so from the moment a stop is asked
     * for, new messages are refused ({@link SendResult#STOPPED}) and a sender waiting in {@code send} for
     * room is told so; what was accepted before is drained ({@code drain}) or dead-lettered when the actor
     * takes the stop, after its current message.
     *
     * @param drain  handle what is already in the mailbox first
     * @param forced stop the children all at once (a deadline passed)
     * @param cause  the failure to report to watchers, or null
     */
    void requestStop(boolean drain, boolean forced, Throwable cause) {
        closeMailbox();
        sendSystem(new SystemMessage.Stop(drain, forced, cause));
    }

    // ================================================================ Watcher (any thread)

    @Override
    public void targetTerminated(ActorCell<?> target, Throwable cause) {
        sendSystem(new SystemMessage.DeathNotice(target, cause));
    }

    // ================================================================ the turn (owner thread)

    @Override
    protected void turn() {
        if (phase == TERMINATED_PHASE) {
            drainDeadSystemMessages(); // a late system message re-dispatched a terminated cell
            return;
        }
        SystemRuntime rt = props.runtime;
        boolean mdc = rt.mdc() && rt.userCodeAllowed(); // past the shutdown's budget a turn is bookkeeping only
        if (mdc) {
            MDC.put(SystemConfig.MDC_KEY, path());
        }
        if (props.markThread) {
            TURN_OF.set(rt);
        }
        long started = props.turnTiming ? System.nanoTime() : 0;
        try {
            if (phase == NEW) {
                if (rt.userCodeAllowed()) {
                    create();
                } else {
                    phase = RUNNING; // past the shutdown's budget: never built, stopped at once below
                    Lifecycle.stopNow(this, null);
                }
            }
            if (hasSystemMessages()) {
                Lifecycle.processSystemMessages(this, takeSystemMessages());
            }
            Delivery.userMessages(this);
        } finally {
            if (mdc) {
                MDC.remove(SystemConfig.MDC_KEY);
            }
            if (props.markThread) {
                TURN_OF.remove();
            }
            if (props.manualTime) {
                rt.turnEnded(); // after every send of the turn: see SystemRuntime.isQuiet
            }
            if (props.turnTiming) {
                CellState st = state();
                st.turnNanos += System.nanoTime() - started; // owner thread only
            }
            // An interrupt belongs to the turn that got it (a handler that re-set the flag, a forced stop that
            // interrupted a stuck handler): the next actor on this thread starts with the flag clear.
            Thread.interrupted();
        }
    }

    private void create() {
        build(false, null);
    }

    /** Rebuilds the instance after a restart. Owner thread. */
    void recreate(Throwable cause) {
        build(true, cause);
    }

    /**
     * Builds an instance with the factory and runs preStart (first start) or postRestart (restart). A
     * failure there is a failure of the actor, handled by its parent. Owner thread.
     */
    private void build(boolean restart, Throwable cause) {
        actor = null;
        phase = RUNNING;
        try {
            @SuppressWarnings("unchecked") // set from an ActorFactory<M> by the constructor
            ActorFactory<M> f = (ActorFactory<M>) factory;
            Actor<M> a = Objects.requireNonNull(f.create(this), "the factory returned null");
            actor = a;
            if (restart) {
                a.postRestart(cause);
            } else {
                a.preStart();
            }
        } catch (Throwable t) {
            fail(t, null);
            afterHandler();
            return;
        }
        if (restart) {
            resumeUser();
        }
        ackStartedUnlessDeferred();
        afterHandler();
    }

    private void ackStartedUnlessDeferred() {
        if (props.ackStart && !(actor instanceof DeferredStart)) {
            parent.sendSystem(new SystemMessage.ChildStarted(this));
        }
    }

    /**
     * Tells a parent that asked for acknowledgements that this actor has started; for
     * {@link DeferredStart} instances, which decide when that is. Owner thread.
     */
    public void ackStarted() {
        if (props.ackStart) {
            parent.sendSystem(new SystemMessage.ChildStarted(this));
        }
    }

    /**
     * Hands one user message (or timer tick, or death notice) to the instance. Owner thread.
     *
     * @return whether the handler completed normally
     */
    boolean invoke(Object m) {
        return Delivery.invoke(this, m);
    }

    void afterHandler() {
        if (stopSelf) {
            stopSelf = false;
            exitNormally();
        }
    }

    /**
     * Stops this actor as {@link #stop()} asks. A supervised actor instead reports a normal exit and
     * waits, suspended, for its supervisor: a permanent child is restarted in place (keeping its address),
     * others are stopped. Owner thread.
     */
    void exitNormally() {
        if (props.ackStart && phase == RUNNING) {
            phase = FAILED;
            suspendUser();
            state().failure = NormalExit.INSTANCE;
            parent.sendSystem(new SystemMessage.Failed(this, NormalExit.INSTANCE, null));
        } else {
            Lifecycle.stopNow(this, null);
        }
    }

    /**
     * The instance threw (or, for a supervisor, decided to fail). Owner thread.
     *
     * @param t       the cause
     * @param message the message being handled, dead-lettered with the cause; null if none
     */
    public void fail(Throwable t, Object message) {
        state().failures++; // owner thread only
        if (message != null) {
            state().countDeadLetters(DeadLetterReason.FAILED, 1);
            props.runtime.deadLetters().publish(path(), message, DeadLetterReason.FAILED, t);
        }
        if (FatalErrorPolicy.isFatal(t) && props.runtime.config().fatalErrorPolicy() != FatalErrorPolicy.AS_FAILURE) {
            FatalErrors.handle(this, t);
            return;
        }
        if (phase == DRAINING || phase == STOPPING) {
            LOG.error("{} failed while stopping; it stops anyway", path(), t);
            return;
        }
        phase = FAILED;
        suspendUser();
        CellState s = state();
        s.failure = t;
        s.failedMessage = message;
        if (parent == null) {
            LOG.error("the root guardian failed; this is a bug in Crema", t);
            return;
        }
        parent.sendSystem(new SystemMessage.Failed(this, t, message));
    }

    @Override
    protected void onRejected(RejectedExecutionException e) {
        if (props.runtime.adoptIfShuttingDown(this)) {
            return; // the shutdown thread runs its last turns
        }
        Loggers.SYSTEM.error("the executor of dispatcher '{}' refused to run {}; it cannot run until the executor "
                + "accepts it again", props.dispatcherName, path(), e);
    }

    // ================================================================ accessors for Lifecycle (owner thread)

    int phase() {
        return phase;
    }

    void setPhase(int phase) {
        this.phase = phase;
    }

    Actor<M> actor() {
        return actor;
    }

    void releaseInstance() {
        actor = null;
        factory = null;
    }
}
