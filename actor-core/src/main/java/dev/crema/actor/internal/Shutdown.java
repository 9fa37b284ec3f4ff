package dev.crema.actor.internal;

import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.ShutdownParticipant;
import dev.crema.actor.ShutdownReport;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Graceful shutdown with a deadline {@code D}, and a reserve {@code R} (a quarter of the deadline, at most
 * 2 s) kept for the forced part.
 *
 * <ol>
 *   <li>Spawning is refused from now on; the participants stop their intake. The root guardian gets a
 *       draining stop: it stops the top-level actors one at a time in reverse start order, each of which
 *       handles what is already in its mailbox (its mailbox closes when its stop is asked for), then stops
 *       its own children the same way, then runs {@code postStop}.</li>
 *   <li>At {@code D - R}, if that has not finished, the graceful budget is spent: the runtime stops running
 *       user code ({@link SystemRuntime#userCodeAllowed}) and every live actor is asked to stop at once. A
 *       handler already running finishes its current message; from then on each turn is bookkeeping only:
 *       the mailbox is dead-lettered with reason SHUTDOWN as one backlog, no factory, handler or
 *       {@code postStop} runs. So that actors waiting for a thread need not get one, this thread takes their
 *       run tokens out of the pools' queues and hand-off slots ({@link Dispatchers#seizeQueued}) and runs
 *       those turns itself, next to the workers.</li>
 *   <li>At {@code D - R/2}, threads still running a handler are interrupted.</li>
 *   <li>At {@code D} the report is built. An actor that has still not terminated (its handler ignores the
 *       interrupt, say) is abandoned: its queued messages are counted in the report
 *       ({@link CellState#abandon}), and it dead-letters them only after the report is out, if its handler
 *       ever returns, so that no message is counted twice. Then the participants close, the timer threads
 *       stop (pending asks fail with SHUTDOWN) and the pools are shut down.</li>
 * </ol>
 * The first caller does the work; concurrent and later callers wait for its report, which it delivers by
 * its own deadline. The log names at most {@value #LOGGED_ACTORS} unresponsive actors. Thread-safe.
 */
final class Shutdown {

    private static final Logger LOG = Loggers.SYSTEM;
    private static final long MAX_RESERVE_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    static final int LOGGED_ACTORS = 10;
    private static final long BOOKKEEPING_NANOS_PER_ACTOR = 5_000;

    private final SystemRuntime rt;
    private final CompletableFuture<ShutdownReport> report = new CompletableFuture<>();
    private final CopyOnWriteArrayList<ShutdownParticipant> participants = new CopyOnWriteArrayList<>();
    /** Cells whose executor refused them during the forced part: this thread runs their turns. */
    private final ConcurrentLinkedQueue<Runnable> adopted = new ConcurrentLinkedQueue<>();
    private volatile Thread hook;

    Shutdown(SystemRuntime rt) {
        this.rt = rt;
    }

    CompletableFuture<ShutdownReport> report() {
        return report;
    }

    void add(ShutdownParticipant p) {
        participants.addIfAbsent(p);
    }

    void remove(ShutdownParticipant p) {
        participants.remove(p);
    }

    /** Any thread: a cell refused by its executor during the forced part; this thread will run it. */
    boolean adopt(MailboxCell cell) {
        if (!rt.isShuttingDown() || rt.userCodeAllowed()) {
            return false;
        }
        adopted.add(cell);
        return true;
    }

    void installHook() {
        Thread h = new Thread(() -> run(rt.config().shutdownTimeout().toNanos(), rt.config().shutdownTimeout()),
                "crema-" + rt.name() + "-shutdown-hook");
        hook = h;
        Runtime.getRuntime().addShutdownHook(h);
    }

    CompletableFuture<ShutdownReport> runAsync(long nanos, Duration deadline) {
        Thread t = new Thread(() -> run(nanos, deadline), "crema-" + rt.name() + "-shutdown");
        t.setDaemon(true);
        t.start();
        return report;
    }

    ShutdownReport run(long nanos, Duration deadline) {
        long start = System.nanoTime();
        if (!rt.beginShutdown()) {
            return awaitFirst();
        }
        long end = start + nanos;
        Map<DeadLetterReason, Long> before = rt.deadLetters().counts();
        stopIntake(end);
        rt.root().sendSystem(new SystemMessage.Stop(true, false, null));
        long reserve = reserve(nanos);
        boolean done = await(end - reserve);
        if (!done) {
            LOG.warn("actor system '{}' did not stop gracefully within {}; stopping the rest at once, running no "
                    + "more user code", rt.name(), Duration.ofNanos(nanos - reserve));
            rt.beginForcing();
            forEachLive(c -> c.requestStop(false, true, null));
            done = runLastTurns(end - reserve / 2);
            if (!done) {
                forEachLive(c -> {
                    Thread runner = c.runnerOpaque();
                    if (runner != null && runner != Thread.currentThread()) {
                        runner.interrupt();
                    }
                });
                done = runLastTurns(end);
            }
        }
        List<String> unresponsive = new ArrayList<>();
        long[] abandoned = {0};
        if (!done) {
            forEachLive(c -> {
                if (c != rt.root()) {
                    c.closeMailbox(); // nobody may run it again: refuse (and so count) anything sent from now on
                    unresponsive.add(c.path());
                    // a backlog already being dead-lettered is bookkeeping: let it finish (up to one more
                    // reserve) rather than leave its count to chance
                    abandoned[0] += c.state().abandon(c, Math.max(0, end - System.nanoTime()) + reserve);
                }
            });
            // the wait above may have let the last backlogs finish; the actors then terminate within moments
            if (await(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1))) {
                done = true;
                unresponsive.clear();
                abandoned[0] = 0;
            }
        }
        List<String> participantLines = closeParticipants(end);
        rt.timers().shutdown();
        rt.asks().shutdown(); // pending asks fail with SHUTDOWN
        rt.scheduler().shutdown();
        rt.askTimeouts().shutdown();
        rt.dispatchers().shutdown(Math.max(0, end - System.nanoTime()));
        rt.deadLetters().flushSummary();
        Map<DeadLetterReason, Long> after = rt.deadLetters().counts();
        Map<DeadLetterReason, Long> delta = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason r : DeadLetterReason.values()) {
            delta.put(r, after.get(r) - before.get(r));
        }
        ShutdownReport r = new ShutdownReport(rt.stoppedGracefully(), rt.stoppedForcibly(), rt.drained(), delta,
                unresponsive, abandoned[0], Duration.ofNanos(System.nanoTime() - start), done, participantLines);
        removeHook();
        if (done) {
            LOG.info("actor system '{}' {}", rt.name(), r);
        } else {
            LOG.error("actor system '{}' {}", rt.name(), r);
        }
        CremaEvents.shutdown(rt.name(), r);
        MailboxSampler.forget(rt);
        report.complete(r);
        return r;
    }

    /**
     * The time kept for the forced part: a quarter of the deadline (at most 2 s), or more when there are
     * many actors, since each costs a few microseconds of bookkeeping to stop at once ({@value
     * #BOOKKEEPING_NANOS_PER_ACTOR} ns each, measured on 2 cores), but never more than half the deadline.
     */
    private long reserve(long nanos) {
        long base = Math.min(nanos / 4, MAX_RESERVE_NANOS);
        long forActors = rt.liveActors() * BOOKKEEPING_NANOS_PER_ACTOR;
        return Math.max(base, Math.min(forActors, nanos / 2));
    }

    /**
     * The forced part: takes the run tokens of actors still waiting for a thread and runs their (bookkeeping)
     * turns here, until every actor has terminated or {@code until} has come.
     *
     * @return whether every actor has terminated
     */
    private boolean runLastTurns(long until) {
        ArrayDeque<Runnable> mine = new ArrayDeque<>();
        while (!rt.rootDone().isDone()) {
            rt.dispatchers().seizeQueued(mine::add);
            for (Runnable r; (r = adopted.poll()) != null; ) {
                mine.add(r);
            }
            if (mine.isEmpty()) {
                if (await(Math.min(until, System.nanoTime() + POLL_NANOS))) {
                    return true;
                }
            } else {
                while (!mine.isEmpty()) {
                    mine.poll().run(); // no user code runs any more: each is a short bookkeeping turn
                }
            }
            if (System.nanoTime() - until >= 0) {
                return rt.rootDone().isDone();
            }
        }
        return true;
    }

    private boolean await(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        try {
            rt.rootDone().get(Math.max(0, left), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return rt.rootDone().isDone();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A second caller waits for the first one's report, however long its own deadline: the first caller keeps
     * its deadline, so this wait ends by then.
     */
    private ShutdownReport awaitFirst() {
        boolean interrupted = false;
        try {
            for (;;) {
                try {
                    return report.get();
                } catch (InterruptedException e) {
                    interrupted = true; // keep waiting: the report comes by the first caller's deadline
                } catch (ExecutionException e) {
                    throw new IllegalStateException("the shutdown of '" + rt.name() + "' failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Each participant stops taking work in, in the order they were added. Shutdown thread. */
    private void stopIntake(long deadlineNanos) {
        for (ShutdownParticipant p : participants) {
            try {
                p.stopIntake(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
            } catch (Throwable t) {
                LOG.error("shutdown participant '{}' failed to stop its intake; the shutdown goes on", p.name(), t);
            }
        }
    }

    /** Each participant closes; returns their report lines. Shutdown thread. */
    private List<String> closeParticipants(long deadlineNanos) {
        List<String> lines = new ArrayList<>();
        for (ShutdownParticipant p : participants) {
            String line;
            try {
                String summary = p.close(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
                line = p.name() + (summary == null || summary.isEmpty() ? "" : ": " + summary);
            } catch (Throwable t) {
                LOG.error("shutdown participant '{}' failed to close", p.name(), t);
                line = p.name() + ": failed to close (" + t + ")";
            }
            lines.add(line);
        }
        return lines;
    }

    /** Visits every actor that has not terminated, parents before children. */
    private void forEachLive(Consumer<ActorCell<?>> visit) {
        ArrayDeque<ActorCell<?>> todo = new ArrayDeque<>();
        todo.push(rt.root());
        while (!todo.isEmpty()) {
            ActorCell<?> c = todo.pop();
            if (c.isTerminated()) {
                continue;
            }
            visit.accept(c);
            CellState st = c.stateOrNull();
            if (st != null) {
                for (ActorCell<?> child : st.children()) {
                    todo.push(child);
                }
            }
        }
    }

    private void removeHook() {
        Thread h = hook;
        if (h != null && h != Thread.currentThread()) {
            try {
                Runtime.getRuntime().removeShutdownHook(h);
            } catch (IllegalStateException jvmShuttingDown) {
                // the JVM is already exiting; the hook is running or will find the system shut down
            }
        }
    }
}
