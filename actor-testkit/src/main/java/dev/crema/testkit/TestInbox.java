package dev.crema.testkit;

import dev.crema.actor.Addr;
import dev.crema.actor.AskRejectedException;
import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.SendResult;
import dev.crema.testkit.internal.Describe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An address that keeps what it is sent, for {@link ActorHarness} tests: nothing runs behind it and nothing
 * waits. Give one to the actor under test wherever it expects an {@code Addr} (its collaborators, the
 * {@code replyTo} of a message); the children it spawns get one each ({@link ActorHarness#childInbox}).
 *
 * <pre>{@code
 * TestInbox<String> customer = TestInbox.create("customer");
 * barista.tell(new Order("latte", customer));
 * barista.advance(Duration.ofMinutes(1));
 * customer.expectMessage("one latte");
 * }</pre>
 *
 * <p>With a real actor system, use a {@link TestProbe}, which waits for messages sent from other threads.
 *
 * <p>Thread-safe: anyone may send to it; taking is meant for the test's thread. An {@code ask} of an inbox
 * must come from the actor under an {@link ActorHarness} (the usual case: the actor asks a collaborator):
 * the ask's timeout then follows the harness's virtual time.
 *
 * @param <M> the type of messages it accepts
 */
public final class TestInbox<M> implements Addr<M> {

    private final String path;
    private final Consumer<DeadLetter> deadLetters;
    private final ConcurrentLinkedQueue<M> messages = new ConcurrentLinkedQueue<>();
    private volatile boolean stopped;

    TestInbox(String path, Consumer<DeadLetter> deadLetters) {
        this.path = path;
        this.deadLetters = deadLetters;
    }

    /**
     * Creates an inbox named {@code crema://harness/user/<name>}.
     *
     * @param name its name, for its path and failure messages
     * @param <M>  the message type
     * @return the inbox
     * @throws NullPointerException     if {@code name} is {@code null}
     * @throws IllegalArgumentException if {@code name} is empty or contains a {@code /}
     */
    public static <M> TestInbox<M> create(String name) {
        Objects.requireNonNull(name, "inbox name must not be null");
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("inbox name must be non-empty and without '/', got '" + name + "'");
        }
        return new TestInbox<>(HarnessEngine.ROOT + name, letter -> { });
    }

    // ------------------------------------------------------------------ Addr

    /** Keeps the message; once the inbox is stopped, it becomes a {@code STOPPED} dead letter of its harness. */
    @Override
    public void tell(M message) {
        Objects.requireNonNull(message, "message must not be null");
        if (stopped) {
            deadLetters.accept(new DeadLetter(path, message, DeadLetterReason.STOPPED, null));
        } else {
            messages.add(message);
        }
    }

    /** {@return {@link SendResult#ACCEPTED}, or {@link SendResult#STOPPED} once the inbox is stopped} */
    @Override
    public SendResult trySend(M message) {
        Objects.requireNonNull(message, "message must not be null");
        if (stopped) {
            return SendResult.STOPPED;
        }
        messages.add(message);
        return SendResult.ACCEPTED;
    }

    /** {@return as {@link #trySend}: an inbox is never full, so it never waits} */
    @Override
    public SendResult send(M message, Duration timeout) {
        return trySend(message);
    }

    /**
     * Keeps the request, whose reply handle completes the returned future; the test answers through it.
     *
     * @throws IllegalStateException if not called by the actor under an {@link ActorHarness}
     */
    @Override
    public <R> CompletableFuture<R> ask(Function<Addr<R>, ? extends M> request, Duration timeout) {
        HarnessEngine<?> harness = HarnessEngine.current();
        if (harness == null) {
            throw new IllegalStateException("only the actor under an ActorHarness can ask a TestInbox (" + path
                    + "); with an actor system, use a TestProbe");
        }
        return harness.ask(path, request, timeout, message -> {
            if (!trySend(message).isAccepted()) {
                throw new AskRejectedException(path, message.getClass(), DeadLetterReason.STOPPED);
            }
        });
    }

    @Override
    public String path() {
        return path;
    }

    // ------------------------------------------------------------------ taking

    /**
     * Takes the next message, whatever it is.
     *
     * @return the message
     * @throws AssertionError if there is none
     */
    public M receiveMessage() {
        M m = messages.poll();
        if (m == null) {
            throw new AssertionError("TestInbox " + path + ": expected a message, but none was sent to it");
        }
        return m;
    }

    /**
     * Takes the next message and checks that it equals {@code expected}.
     *
     * @param expected the message, compared with {@code equals}
     * @return the message taken
     * @throws AssertionError if there is none, or another one comes first
     */
    public M expectMessage(M expected) {
        Objects.requireNonNull(expected, "expected message must not be null");
        return take(Describe.message(expected), expected::equals);
    }

    /**
     * Takes the next message and checks its type.
     *
     * @param type the class it must be an instance of
     * @param <T>  that type
     * @return the message, cast
     * @throws AssertionError if there is none, or one of another type comes first
     */
    public <T extends M> T expectMessage(Class<T> type) {
        Objects.requireNonNull(type, "message type must not be null");
        return type.cast(take("a message of class " + type.getName(), type::isInstance));
    }

    /** {@return every message waiting, in the order sent; the inbox is then empty} */
    public List<M> receiveAll() {
        List<M> all = new ArrayList<>();
        for (M m = messages.poll(); m != null; m = messages.poll()) {
            all.add(m);
        }
        return all;
    }

    /**
     * Checks that no message is waiting.
     *
     * @throws AssertionError listing the ones that are
     */
    public void expectNoMessages() {
        if (!messages.isEmpty()) {
            throw new AssertionError("TestInbox " + path + ": expected no messages, but " + messages.size() + " waiting: "
                    + Describe.messages(new ArrayList<>(messages), 20));
        }
    }

    /** {@return whether messages are waiting} */
    public boolean hasMessages() {
        return !messages.isEmpty();
    }

    /** {@return whether the inbox stands for a child that has been stopped} */
    public boolean isStopped() {
        return stopped;
    }

    /** From now on, refuse messages: the child this inbox stands for has stopped. */
    void markStopped() {
        stopped = true;
    }

    private M take(String what, java.util.function.Predicate<? super M> ok) {
        M m = messages.poll();
        if (m == null) {
            throw new AssertionError("TestInbox " + path + ": expected " + what + ", but no message was sent to it");
        }
        if (!ok.test(m)) {
            List<M> rest = new ArrayList<>(messages);
            throw new AssertionError("TestInbox " + path + ": expected " + what + ", but the next message was " + Describe.message(m)
                    + (rest.isEmpty() ? "" : "; after it: " + Describe.messages(rest, 10)));
        }
        return m;
    }

    @Override
    public String toString() {
        return path;
    }
}
