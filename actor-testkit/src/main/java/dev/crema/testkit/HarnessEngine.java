package dev.crema.testkit;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorFactory;
import dev.crema.actor.Addr;
import dev.crema.actor.AskRejectedException;
import dev.crema.actor.BatchActor;
import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.Decider;
import dev.crema.actor.Directive;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.Terminated;
import dev.crema.testkit.internal.Durations;
import dev.crema.testkit.internal.ReplyHandle;
import dev.crema.testkit.internal.VirtualTimeline;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The machinery of an {@link ActorHarness}: one actor's mailbox, lifecycle and supervision, run on the
 * caller's thread with the runtime's rules, and a record of what the actor did.
 *
 * <h2>Concurrency</h2>
 * Everything runs on the owner thread (the one that built the harness), checked on every entry point,
 * except what other threads may do to any {@code Addr}: send to the actor ({@link #self}) or to its
 * inboxes, and reply to its asks. The mailbox is therefore a {@link ConcurrentLinkedQueue} and the dead
 * letters a synchronised list; a message another thread sends is handled at the owner's next call. User
 * code runs with {@link #CURRENT} set to this engine, so that an ask of a {@link TestInbox} made by the
 * actor finds the virtual time it must time out on.
 *
 * <h2>States</h2>
 * running (handling messages until the mailbox is empty; re-entrant sends only enqueue) or idle; alive or
 * stopped (for good: what arrives afterwards is a {@code STOPPED} dead letter). A stop the actor asks for
 * ({@code ctx.stop()}) takes effect after the current message.
 *
 * @param <M> the actor's message type
 */
final class HarnessEngine<M> {

    /** The path prefix of every actor and inbox of a harness. */
    static final String ROOT = "crema://harness/user/";

    private static final ThreadLocal<HarnessEngine<?>> CURRENT = new ThreadLocal<>();
    private static final int MAX_MESSAGES_PER_RUN = 1_000_000;
    private static final int MAX_START_FAILURES = 100;

    /** A death-watch notice in the mailbox; turned into the actor's own message when it comes up. */
    record Notice(Addr<?> target, Terminated terminated) {
    }

    final String path;
    final Thread owner = Thread.currentThread();
    final VirtualTimeline timeline = new VirtualTimeline();
    final HarnessTimers<M> timers = new HarnessTimers<>(this);
    final HarnessContext<M> context = new HarnessContext<>(this);
    final Addr<M> self;
    private final ActorFactory<M> factory;
    private final Decider decider;
    private final ConcurrentLinkedQueue<Object> mailbox = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Effect> effects = new ArrayDeque<>();
    private final List<DeadLetter> deadLetters = Collections.synchronizedList(new ArrayList<>());
    final HarnessFamily<M> family = new HarnessFamily<>(this);
    private Actor<M> instance;
    private boolean running;
    private boolean stopRequested;
    private volatile boolean stopped;
    private int asks;

    HarnessEngine(String name, ActorFactory<M> factory, SpawnOptions options) {
        this.path = ROOT + name;
        this.factory = factory;
        this.decider = options.decider() != null ? options.decider() : Decider.stop();
        this.self = new SelfAddr<>(this);
        Throwable t = build(null);
        if (t != null) {
            failed(t, null);
        }
        runToIdle();
    }

    static HarnessEngine<?> current() {
        return CURRENT.get();
    }

    // ------------------------------------------------------------------ messages

    /** Queues a message (a user message, a tick, a notice); once stopped, user messages are dead letters. */
    void enqueue(Object message) {
        if (stopped) {
            if (!(message instanceof HarnessTimers.Tick) && !(message instanceof Notice)) {
                deadLetter(message, DeadLetterReason.STOPPED, null);
            }
            return;
        }
        mailbox.add(message);
    }

    /** Queues and, on the owner thread outside a turn, handles everything that follows. */
    void send(Object message) {
        enqueue(message);
        if (Thread.currentThread() == owner && !running) {
            runToIdle();
        }
    }

    /** Handles messages until the mailbox is empty (or the actor stops). Owner thread. */
    void runToIdle() {
        checkOwner("the harness");
        if (running) {
            return; // a send from inside a handler: the loop below takes it
        }
        running = true;
        try {
            int handled = 0;
            while (!stopped) {
                if (stopRequested) {
                    stopForGood(null);
                    break;
                }
                Object m = mailbox.poll();
                if (m == null) {
                    break;
                }
                if (++handled > MAX_MESSAGES_PER_RUN) {
                    throw new IllegalStateException(path + " handled " + MAX_MESSAGES_PER_RUN + " messages without"
                            + " its mailbox running empty: it keeps sending itself messages");
                }
                deliver(m);
            }
            if (stopped) {
                for (Object m = mailbox.poll(); m != null; m = mailbox.poll()) {
                    enqueue(m); // dead-letters user messages, drops ticks and notices
                }
            }
        } finally {
            running = false;
        }
    }

    @SuppressWarnings("unchecked")
    private void deliver(Object m) {
        Object message = m;
        if (m instanceof HarnessTimers.Tick tick) {
            message = timers.take(tick);
        } else if (m instanceof Notice n) {
            Function<Terminated, ? extends M> f = family.takeWatch(n.target());
            Object[] out = new Object[1];
            Throwable t = f == null ? null : invoke(() -> out[0] = Objects.requireNonNull(f.apply(n.terminated()),
                    "the onTerminated function of a watch returned null"));
            if (t != null) {
                failed(t, n.terminated());
                return;
            }
            message = out[0];
        } else if (instance instanceof BatchActor<M> batcher) {
            List<M> batch = batch((M) m, batcher.maxBatch());
            Throwable t = invoke(() -> batcher.receiveBatch(batch));
            if (t != null) {
                batch.forEach(b -> deadLetter(b, DeadLetterReason.FAILED, t));
                failed(t, batch);
            }
            return;
        }
        if (message == null) {
            return; // a cancelled timer's tick, or a notice of an actor no longer watched: dropped
        }
        M msg = (M) message;
        Throwable t = invoke(() -> instance.receive(msg));
        if (t != null) {
            deadLetter(msg, DeadLetterReason.FAILED, t);
            failed(t, msg);
        }
    }

    /** The first message and the user messages right behind it, up to {@code max}: what the runtime would batch. */
    @SuppressWarnings("unchecked")
    private List<M> batch(M first, int max) {
        List<M> batch = new ArrayList<>();
        batch.add(first);
        for (Object next = mailbox.peek(); batch.size() < max && next != null && !(next instanceof HarnessTimers.Tick)
                && !(next instanceof Notice); next = mailbox.peek()) {
            batch.add((M) mailbox.poll());
        }
        return batch;
    }

    <R, X> CompletableFuture<R> ask(String target, Function<Addr<R>, ? extends X> request, Duration timeout,
                                    Consumer<X> deliver) {
        Objects.requireNonNull(request, "request must not be null");
        Durations.requirePositive(timeout, "ask timeout");
        ReplyHandle<R> reply = new ReplyHandle<>(path + "/$ask-" + ++asks, this::deadLetterReceived);
        X built = Objects.requireNonNull(request.apply(reply), "the request built for the ask must not be null");
        try {
            deliver.accept(built);
        } catch (AskRejectedException rejected) {
            reply.future().completeExceptionally(rejected);
            return reply.future();
        }
        // no cancel on reply: a reply may come from another thread, and a late timeout is a no-op
        timeline.schedule(() -> reply.timeOut(target, built.getClass(), timeout), Durations.saturatedNanos(timeout), 0);
        return reply.future();
    }

    void advance(Duration by) {
        checkOwner("advance");
        Objects.requireNonNull(by, "duration must not be null");
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward, got " + by);
        }
        runToIdle();
        timeline.advance(Durations.saturatedNanos(by), this::runToIdle);
    }

    // ------------------------------------------------------------------ lifecycle and supervision

    /** Builds a fresh instance and starts it; {@code restartCause} null for the first start. */
    private Throwable build(Throwable restartCause) {
        instance = null;
        return invoke(() -> {
            instance = Objects.requireNonNull(factory.create(context), "the actor factory returned null");
            if (restartCause == null) {
                instance.preStart();
            } else {
                instance.postRestart(restartCause);
            }
        });
    }

    /** The actor threw: the decider chooses, as its parent would. */
    private void failed(Throwable cause, Object message) {
        Throwable t = cause;
        Object failedOn = message;
        for (int attempt = 1; ; attempt++) {
            Directive d = decide(t);
            effect(new Effect.Failed(t, failedOn, d));
            if (d == Directive.RESUME && instance != null) {
                return;
            }
            if (d == Directive.STOP || d == Directive.ESCALATE) {
                stopForGood(t);
                return;
            }
            // RESTART, or RESUME with no instance to resume (its factory failed): restarted, as the runtime does
            if (attempt > MAX_START_FAILURES) {
                throw new IllegalStateException(path + " failed to start " + MAX_START_FAILURES + " times in a row"
                        + " and its decider keeps restarting it; the last failure is the cause", t);
            }
            Throwable restartCause = t;
            Object lastMessage = failedOn;
            if (instance != null) {
                Actor<M> failedInstance = instance;
                hook("preRestart", () -> failedInstance.preRestart(restartCause, lastMessage));
            }
            timers.cancelAllSilently();
            family.stopAll(true);
            t = build(restartCause);
            if (t == null) {
                return;
            }
            failedOn = null;
        }
    }

    private Directive decide(Throwable cause) {
        Directive[] d = new Directive[1];
        Throwable t = invoke(() -> d[0] = decider.decide(cause));
        if (t != null) {
            effect(new Effect.HookFailed("decider", t));
            return Directive.STOP;
        }
        return d[0] != null ? d[0] : Directive.STOP;
    }

    void requestStop() {
        stopRequested = true;
        effect(new Effect.Stopped(self));
    }

    private void stopForGood(Throwable cause) {
        if (stopped) {
            return;
        }
        stopped = true;
        timers.cancelAllSilently();
        family.stopAll(false);
        if (instance != null) {
            hook("postStop", instance::postStop);
        }
    }

    private void hook(String name, Code code) {
        Throwable t = invoke(code);
        if (t != null) {
            effect(new Effect.HookFailed(name, t));
        }
    }

    // ------------------------------------------------------------------ children and death watch: see HarnessFamily

    <C> Addr<C> spawnChild(String name, ActorFactory<C> childFactory, SpawnOptions options) {
        if (stopped || stopRequested) {
            throw new IllegalStateException(path + " is stopping: it cannot spawn");
        }
        return family.spawn(name, childFactory, options);
    }

    void signalTerminated(Addr<?> target, Throwable cause) {
        checkOwner("signalTerminated");
        Objects.requireNonNull(target, "target must not be null");
        family.signalTerminated(target, cause);
        runToIdle();
    }

    // ------------------------------------------------------------------ record

    void effect(Effect e) {
        effects.addLast(e);
    }

    ArrayDeque<Effect> effects() {
        return effects;
    }

    List<DeadLetter> deadLetters() {
        synchronized (deadLetters) {
            return List.copyOf(deadLetters);
        }
    }

    private void deadLetter(Object message, DeadLetterReason reason, Throwable cause) {
        deadLetterReceived(new DeadLetter(path, message, reason, cause));
    }

    void deadLetterReceived(DeadLetter letter) {
        deadLetters.add(letter);
    }

    Actor<M> instance() {
        return instance;
    }

    boolean isStopped() {
        return stopped;
    }

    void checkOwner(String what) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(what + " of " + path + " may only be used from the thread that runs its"
                    + " ActorHarness (" + owner.getName() + "), not from " + Thread.currentThread().getName());
        }
    }

    // ------------------------------------------------------------------ running user code

    @FunctionalInterface
    private interface Code {
        void run() throws Exception;
    }

    /** Runs user code with this engine current; returns what it threw, except fatal JVM errors, rethrown. */
    private Throwable invoke(Code code) {
        HarnessEngine<?> previous = CURRENT.get();
        CURRENT.set(this);
        try {
            code.run();
            return null;
        } catch (VirtualMachineError fatal) {
            if (fatal instanceof StackOverflowError) {
                return fatal;
            }
            throw fatal; // never resumed or restarted quietly, as in the runtime
        } catch (Throwable t) {
            return t;
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
