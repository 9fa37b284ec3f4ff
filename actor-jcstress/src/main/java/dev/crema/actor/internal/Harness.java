package dev.crema.actor.internal;

import dev.crema.actor.ActorFactory;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.Decider;
import dev.crema.actor.SystemConfig;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The harness of Crema's jcstress tests.
 *
 * <p>jcstress builds each test's state millions of times, so no state creates an actor system. Instead:
 * <ul>
 *   <li>{@link #RT} is one {@link SystemRuntime}, built once per forked JVM: it provides what an
 *       {@link ActorCell} needs from its system (dead letters, the registry, paths). Its own root guardian
 *       and pools sit idle; the cells of the tests never run on them.</li>
 *   <li>Each state builds its cells directly (package-private constructors) with a per-state executor:
 *       an {@link Inline} executor runs a dispatched turn at once on the dispatching thread, so the turn
 *       runs on whichever jcstress actor thread took the run token, concurrently with the other actor; a
 *       {@link Recording} executor keeps the dispatched turns for the arbiter to run afterwards, so
 *       "was a turn dispatched" is observable and a lost wake-up shows up as a message nobody runs.</li>
 *   <li>Cells are created holding their run token (as the runtime creates them); {@link #started} runs
 *       the first turn on the constructing thread, leaving the cell built and idle.</li>
 *   <li>Dead letters are routed to the message: every message the tests send is a {@link Token} that
 *       counts its deliveries and dead letters, so the shared system needs no per-state bookkeeping.</li>
 * </ul>
 */
final class Harness {

    static final SystemRuntime RT = new SystemRuntime("jcstress", SystemConfig.defaults()
            .withMdc(false).withDeadLetterLogLimit(0).withParallelism(1), null, null);

    static {
        RT.deadLetters().subscribe(dl -> {
            if (dl.message() instanceof Token t) {
                t.deadLettered(dl.reason());
            }
        });
    }

    private Harness() {
    }

    /** A message that knows what became of it. */
    static final class Token {
        final AtomicInteger processed = new AtomicInteger();
        final AtomicInteger deadLettered = new AtomicInteger();
        volatile DeadLetterReason reason;

        void deadLettered(DeadLetterReason r) {
            reason = r;
            deadLettered.incrementAndGet();
        }
    }

    /**
     * Runs a dispatched turn at once, on the dispatching thread. A turn that dispatches the next one (a
     * cell keeping its run token) queues it on a per-thread trampoline instead of recursing, so a consumer
     * that re-dispatches itself while a producer is between its reservation and its offer loops rather
     * than overflowing the stack, just as it would cycle through a real pool's queue.
     */
    static final class Inline implements Executor {
        private static final ThreadLocal<ArrayDeque<Runnable>> TRAMPOLINE = new ThreadLocal<>();

        @Override
        public void execute(Runnable r) {
            ArrayDeque<Runnable> pending = TRAMPOLINE.get();
            if (pending != null) {
                pending.add(r); // already inside a turn on this thread: run it when that one returns
                return;
            }
            pending = new ArrayDeque<>();
            TRAMPOLINE.set(pending);
            try {
                for (Runnable next = r; next != null; next = pending.poll()) {
                    next.run();
                }
            } finally {
                TRAMPOLINE.remove();
            }
        }
    }

    /** Keeps dispatched turns; the arbiter runs them. */
    static final class Recording implements Executor {
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        private int dispatched;

        @Override
        public synchronized void execute(Runnable r) {
            dispatched++;
            tasks.add(r);
        }

        synchronized int dispatched() {
            return dispatched;
        }

        /** Runs every dispatched turn, and those they dispatch, until none is left. */
        void runAll() {
            for (;;) {
                Runnable r;
                synchronized (this) {
                    r = tasks.poll();
                }
                if (r == null) {
                    return;
                }
                r.run();
            }
        }
    }

    static CellProps props(Executor executor, int capacity, int throughput) {
        return new CellProps(RT, executor, "jcstress", capacity, false, throughput, Decider.stop(), null, false);
    }

    /** An actor that counts every {@link Token} it handles; built and idle. */
    static ActorCell<Object> countingActor(Executor executor, int capacity) {
        ActorFactory<Object> factory = ctx -> m -> {
            if (m instanceof Token t) {
                t.processed.incrementAndGet();
            }
        };
        return started(new ActorCell<>(props(executor, capacity, 64), null, null, 1, factory));
    }

    static <C extends MailboxCell> C started(C cell) {
        cell.run(); // the creator's turn: builds the instance; nothing else to do, so the cell goes idle
        return cell;
    }

    /** Whether a cell holds no run token and no reservation: nobody runs it and nothing waits in it. */
    static boolean idleAndEmpty(MailboxCell cell) {
        long w = cell.lvCtl();
        return (w & MailboxCell.SCHEDULED) == 0 && (w & MailboxCell.COUNT_MASK) == 0;
    }
}
