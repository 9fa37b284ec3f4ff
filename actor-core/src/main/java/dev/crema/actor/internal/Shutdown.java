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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Graceful shutdown with a deadline.
 *
 * <ol>
 *   <li>Spawning is refused from now on. The root guardian gets a draining stop: it stops the top-level
 *       actors one at a time in reverse start order, each of which first handles what is already in its
 *       mailbox (refusing new messages), then stops its own children the same way, then runs
 *       {@code postStop}.</li>
 *   <li>If that has not finished when the graceful budget (the deadline minus a reserve of a quarter of
 *       it, at most 2 s) is spent, every live actor gets a forced stop: its mailbox is dead-lettered with
 *       reason SHUTDOWN and its children are stopped all at once.</li>
 *   <li>Halfway through the reserve, threads still running a handler are interrupted.</li>
 *   <li>At the deadline the pools and the timer thread are shut down (pending asks fail) and the report
 *       is built. Actors that have still not stopped are listed as unresponsive, with the messages left in
 *       their mailboxes.</li>
 * </ol>
 * The first caller does the work; concurrent callers wait for its report up to their own deadline.
 * Thread-safe.
 */
final class Shutdown {

    private static final Logger LOG = Loggers.SYSTEM;
    private static final long MAX_RESERVE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final SystemRuntime rt;
    private final CompletableFuture<ShutdownReport> report = new CompletableFuture<>();
    private final CopyOnWriteArrayList<ShutdownParticipant> participants = new CopyOnWriteArrayList<>();
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

    void installHook() {
        Thread h = new Thread(() -> {
            if (!rt.isShuttingDown()) {
                run(rt.config().shutdownTimeout().toNanos(), rt.config().shutdownTimeout());
            }
        }, "crema-" + rt.name() + "-shutdown-hook");
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
            return awaitOther(nanos);
        }
        Map<DeadLetterReason, Long> before = rt.deadLetters().counts();
        stopIntake(start + nanos);
        rt.root().sendSystem(new SystemMessage.Stop(true, false, null));
        long reserve = Math.min(nanos / 4, MAX_RESERVE_NANOS);
        boolean done = await(start + nanos - reserve);
        if (!done) {
            LOG.warn("actor system '{}' did not stop gracefully within {}; stopping the rest at once",
                    rt.name(), Duration.ofNanos(nanos - reserve));
            rt.beginForcing();
            forEachLive(c -> c.sendSystem(new SystemMessage.Stop(false, true, null)));
            done = await(start + nanos - reserve / 2);
            if (!done) {
                forEachLive(c -> {
                    Thread runner = c.runnerOpaque();
                    if (runner != null) {
                        runner.interrupt();
                    }
                });
                done = await(start + nanos);
            }
        }
        List<String> unresponsive = new ArrayList<>();
        long[] abandoned = {0};
        if (!done) {
            forEachLive(c -> {
                if (c != rt.root()) {
                    c.closeMailbox(); // nobody will run it again: refuse (and so count) anything sent from now on
                    unresponsive.add(c.path());
                    abandoned[0] += c.mailboxSize();
                }
            });
        }
        List<String> participantLines = closeParticipants(start + nanos);
        rt.scheduler().shutdown();
        rt.dispatchers().shutdown(!done, Math.max(0, start + nanos - System.nanoTime()));
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
        report.complete(r);
        return r;
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

    private ShutdownReport awaitOther(long nanos) {
        try {
            return report.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IllegalStateException("actor system '" + rt.name() + "' is already shutting down and did not "
                    + "finish within " + Duration.ofNanos(nanos), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the shutdown of '" + rt.name() + "'", e);
        }
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
