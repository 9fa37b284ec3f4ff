package dev.crema.actor.internal;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.Decider;
import dev.crema.actor.Mailbox;
import dev.crema.actor.ShutdownReport;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.SystemConfig;
import dev.crema.actor.Terminated;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Everything an {@link ActorSystem} owns: the root guardian (parent of top-level actors), the
 * dispatchers, the timer thread, dead letters, the registry and the shutdown state.
 *
 * <p>Thread-safe. {@code shuttingDown} is volatile: set once, under this object's monitor, by the first
 * shutdown; read by spawns (which then refuse) and by the send paths (which then say
 * {@link dev.crema.actor.DeadLetterReason#SHUTDOWN} instead of STOPPED).
 */
public final class SystemRuntime {

    private static final int PROPS_CACHE_LIMIT = 256;
    private static final Decider STOP = Decider.stop();

    private final String name;
    private final SystemConfig config;
    private final ActorSystem facade;
    private final String rootPath;
    private final Dispatchers dispatchers;
    private final SystemScheduler scheduler;
    /**
     * Ask timeouts have a timer thread of their own: a storm of them (hundreds of thousands expiring, their
     * futures' callbacks running there) must not delay actor timers.
     */
    private final SystemScheduler askTimeouts;
    /** The system's one clock for everything users schedule (see {@link Timeline}); real or manual. */
    private final Timeline timers;
    /** The clock of ask timeouts: its own real timer thread, or the manual clock. */
    private final Timeline asks;
    /** The manual clock, or null. */
    private final ManualTimeline manual;
    /** Turns ended, counted only under a manual clock, to tell a quiet system from one between two turns. */
    private final java.util.concurrent.atomic.AtomicLong turnsEnded = new java.util.concurrent.atomic.AtomicLong();
    private final DeadLetterOffice deadLetters;
    private final NameRegistry registry;
    private final CellProps defaultProps;
    private final ConcurrentHashMap<SpawnOptions, CellProps> propsCache = new ConcurrentHashMap<>();
    private final AtomicInteger uids = new AtomicInteger();
    private final LongAdder live = new LongAdder();
    private final LongAdder drained = new LongAdder();
    private final LongAdder stoppedGracefully = new LongAdder();
    private final LongAdder stoppedForcibly = new LongAdder();
    private final CompletableFuture<Void> rootDone = new CompletableFuture<>();
    private final ActorCell<Object> root;
    private final Shutdown shutdown;
    private volatile boolean shuttingDown;
    /**
     * Whether turns put the actor's path in the MDC: on in the config, and the bound SLF4J provider keeps
     * an MDC at all (a no-op adapter would be paid for, and each actor would cache its path, for nothing).
     */
    private final boolean mdc;
    /**
     * Set once shutdown's graceful budget is spent: every actor terminating from then on was stopped forcibly,
     * and the runtime runs no more user code (no handler for the backlog, no factory, no postStop, no
     * decider); a handler already running finishes its current message.
     */
    private volatile boolean forcing;

    /**
     * Builds and starts the runtime of a system.
     *
     * @param name   validated system name
     * @param config settings
     * @param facade the public handle
     */
    public SystemRuntime(String name, SystemConfig config, ActorSystem facade, ManualTimeline manual) {
        this.name = name;
        this.config = config;
        this.facade = facade;
        this.mdc = config.mdc() && !(org.slf4j.MDC.getMDCAdapter() instanceof org.slf4j.helpers.NOPMDCAdapter);
        this.rootPath = "crema://" + name + "/user";
        this.scheduler = new SystemScheduler(name, "scheduler");
        this.askTimeouts = new SystemScheduler(name, "ask-timeouts");
        this.manual = manual;
        this.timers = manual != null ? manual : scheduler;
        this.asks = manual != null ? manual : askTimeouts;
        if (manual != null) {
            manual.bind(this);
        }
        this.dispatchers = new Dispatchers(name, config, scheduler);
        this.deadLetters = new DeadLetterOffice(config.deadLetterLogLimit());
        this.registry = new NameRegistry(this);
        this.defaultProps = resolve(SpawnOptions.defaults());
        this.shutdown = new Shutdown(this);
        this.root = new ActorCell<>(defaultProps, null, null, 0, ctx -> (Actor<Object>) message -> {
            // the root guardian takes no messages of its own; it only parents the top-level actors
        });
        live.increment();
        root.dispatch();
        if (config.shutdownHook()) {
            shutdown.installHook();
        }
        MailboxSampler.watch(this);
    }

    // ---------------------------------------------------------------- accessors

    public String name() {
        return name;
    }

    public SystemConfig config() {
        return config;
    }

    ActorSystem facade() {
        return facade;
    }

    String rootPath() {
        return rootPath;
    }

    String tempPath() {
        return "crema://" + name + "/temp";
    }

    public DeadLetterOffice deadLetters() {
        return deadLetters;
    }

    public NameRegistry registry() {
        return registry;
    }

    SystemScheduler scheduler() {
        return scheduler;
    }

    SystemScheduler askTimeouts() {
        return askTimeouts;
    }

    /** The clock of actor timers, registry waits, stop policies, restart windows; real or manual. */
    Timeline timers() {
        return timers;
    }

    /** The clock of ask timeouts. */
    Timeline asks() {
        return asks;
    }

    /** Whether the system runs on a manual clock (its turns are then counted, see {@link #isQuiet}). */
    boolean manualTime() {
        return manual != null;
    }

    /** A turn ended; called by every turn under a manual clock only. */
    void turnEnded() {
        turnsEnded.incrementAndGet();
    }

    /**
     * Whether every actor is idle and nothing is in flight: no cell holds its run token (a message sent sets
     * the receiver's token before the sender's turn ends), and no turn ended while we looked (a turn that
     * woke an actor we had already looked at). Any thread; for the manual clock.
     */
    boolean isQuiet() {
        long before = turnsEnded.get();
        java.util.ArrayDeque<ActorCell<?>> todo = new java.util.ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            ActorCell<?> c = todo.pop();
            if ((c.lvCtl() & MailboxCell.SCHEDULED) != 0) {
                return false;
            }
            CellState st = c.stateOrNull();
            if (st != null) {
                for (ActorCell<?> child : st.children()) {
                    todo.push(child);
                }
            }
        }
        return turnsEnded.get() == before;
    }

    Dispatchers dispatchers() {
        return dispatchers;
    }

    ActorCell<Object> root() {
        return root;
    }

    boolean mdc() {
        return mdc;
    }

    int nextUid() {
        return uids.incrementAndGet();
    }

    /** {@return actors alive now, the root guardian included (for leak checks)} */
    public long liveActors() {
        return live.sum();
    }

    /** {@return names plus pending registry waiters (for leak checks)} */
    public int registrySize() {
        return registry.size();
    }

    /** {@return pending timers (for leak checks)} */
    public int pendingTimers() {
        return manual != null ? manual.pending() : scheduler.pending() + askTimeouts.pending();
    }

    public boolean isShuttingDown() {
        return shuttingDown;
    }

    // ---------------------------------------------------------------- spawning

    /** Spawns a top-level actor. Any thread. */
    public <M> Addr<M> spawnTopLevel(String actorName, dev.crema.actor.ActorFactory<M> factory, SpawnOptions options) {
        if (actorName != null) {
            Checks.actorName(actorName);
        }
        return root.spawnChild(actorName, factory, options, false);
    }

    IllegalStateException spawnAfterShutdown(String actorName) {
        return new IllegalStateException("actor system '" + name + "' is shut down: cannot spawn "
                + (actorName != null ? "'" + actorName + "'" : "an actor"));
    }

    CellProps props(SpawnOptions options) {
        if (options == SpawnOptions.defaults()) {
            return defaultProps;
        }
        CellProps p = propsCache.get(options);
        if (p == null) {
            p = resolve(options);
            if (propsCache.size() < PROPS_CACHE_LIMIT) {
                propsCache.putIfAbsent(options, p);
            }
        }
        return p;
    }

    private CellProps resolve(SpawnOptions o) {
        Mailbox mailbox = o.mailbox() != null ? o.mailbox() : config.defaultMailbox();
        int throughput = o.throughput() > 0 ? o.throughput() : config.throughput();
        Decider decider = o.decider() != null ? o.decider() : STOP;
        return new CellProps(this, dispatchers.resolve(o.dispatcher()), o.dispatcher().name(), mailbox.capacity(),
                mailbox.isUnbounded(), throughput, decider, o.interceptor(), false);
    }

    void actorStarted() {
        live.increment();
    }

    void actorNeverStarted() {
        live.decrement();
    }

    /** An actor of this system, or a clear error naming what was passed and why it is refused. */
    ActorCell<?> localCell(Addr<?> addr, String operation) {
        Objects.requireNonNull(addr, "addr must not be null");
        if (addr instanceof ActorCell<?> c && c.runtime() == this) {
            return c;
        }
        throw new IllegalArgumentException("cannot " + operation + " " + addr + ": not an actor of system '"
                + name + "'");
    }

    // ---------------------------------------------------------------- watch and stop from outside

    public void stop(Addr<?> addr) {
        ActorCell<?> c = localCell(addr, "stop");
        if (c == root) {
            throw new IllegalArgumentException("the root guardian is stopped by shutting the system down");
        }
        c.requestStop(false, false, null);
    }

    public CompletableFuture<Terminated> whenTerminated(Addr<?> addr) {
        if (addr instanceof dev.crema.actor.WatchableAddr<?> remote && !(addr instanceof ActorCell<?>)) {
            return remote.whenTerminated().thenApply(t -> t); // a copy: the caller may cancel or complete it
        }
        ActorCell<?> c = localCell(addr, "watch");
        CompletableFuture<Terminated> f = new CompletableFuture<>();
        Watcher w = (target, cause) -> f.complete(new Terminated(target, cause));
        c.sendSystem(new SystemMessage.Watch(w));
        f.whenComplete((t, e) -> {
            if (f.isCancelled()) {
                c.sendSystem(new SystemMessage.Unwatch(w)); // the caller gave up: forget the wait
            }
        });
        return f;
    }

    // ---------------------------------------------------------------- termination and shutdown

    void addDrained(int n) {
        drained.add(n);
    }

    void actorTerminated(ActorCell<?> cell, boolean forced) {
        live.decrement();
        if (shuttingDown && cell != root) {
            (forced || forcing ? stoppedForcibly : stoppedGracefully).increment();
        }
    }

    void beginForcing() {
        forcing = true;
    }

    /** Whether user code may still run: false once a shutdown has spent its graceful budget. Any thread. */
    boolean userCodeAllowed() {
        return !forcing;
    }

    /** An executor refused a cell during the forced part of a shutdown: the shutdown thread runs it. */
    boolean adoptIfShuttingDown(MailboxCell cell) {
        return shutdown.adopt(cell);
    }

    void rootTerminated() {
        rootDone.complete(null);
    }

    CompletableFuture<Void> rootDone() {
        return rootDone;
    }

    long drained() {
        return drained.sum();
    }

    long stoppedGracefully() {
        return stoppedGracefully.sum();
    }

    long stoppedForcibly() {
        return stoppedForcibly.sum();
    }

    /** Marks the system as shutting down; true for the first caller only. */
    synchronized boolean beginShutdown() {
        if (shuttingDown) {
            return false;
        }
        shuttingDown = true;
        return true;
    }

    public ShutdownReport shutdown(Duration deadline) {
        long nanos = Checks.positiveNanos(deadline, "shutdown deadline");
        if (dispatchers.isOwnThread() || ActorCell.inTurnOf(this)) {
            throw new IllegalStateException("shutdown(...) blocks until every actor has stopped, so it must not be "
                    + "called from an actor of system '" + name + "' (it would wait for itself); use shutdownAsync");
        }
        return shutdown.run(nanos, deadline);
    }

    public CompletableFuture<ShutdownReport> shutdownAsync(Duration deadline) {
        long nanos = Checks.positiveNanos(deadline, "shutdown deadline");
        return shutdown.runAsync(nanos, deadline);
    }

    public void addShutdownParticipant(dev.crema.actor.ShutdownParticipant participant) {
        Objects.requireNonNull(participant, "shutdown participant must not be null");
        synchronized (this) { // against beginShutdown: a participant added before it is always run
            if (shuttingDown) {
                throw new IllegalStateException("actor system '" + name + "' is already shutting down: cannot add "
                        + "shutdown participant '" + participant.name() + "'");
            }
            shutdown.add(participant);
        }
    }

    public void removeShutdownParticipant(dev.crema.actor.ShutdownParticipant participant) {
        Objects.requireNonNull(participant, "shutdown participant must not be null");
        shutdown.remove(participant);
    }

    public dev.crema.actor.inspect.SystemSnapshot inspect() {
        return Inspector.snapshot(this);
    }

    public CompletableFuture<ShutdownReport> whenShutdown() {
        return shutdown.report();
    }
}
