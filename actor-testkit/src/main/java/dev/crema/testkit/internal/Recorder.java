package dev.crema.testkit.internal;

import dev.crema.actor.ManualClock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link dev.crema.testkit.TestProbe} has received and not yet taken, and the last few it took
 * (for failure messages), with the one rule about waiting that matters: on real time, wait up to the
 * timeout; on a manual clock, wait for the system to go quiet instead.
 *
 * <h2>Concurrency</h2>
 * One producer at a time: the probe's relay actor, whose thread changes from turn to turn (the runtime
 * orders its turns). Any thread may take, normally the test's. The queue is a {@link LinkedBlockingQueue},
 * so everything the relay did before recording a message happens-before the taker sees it. The history is
 * guarded by its own monitor and never held while waiting.
 *
 * <h2>Why quiet is enough on a manual clock</h2>
 * On a manual clock nothing in the system runs except in reaction to a message or to {@code advance}: a
 * message sent to the relay marks it scheduled before the sender's turn ends, so once
 * {@link ManualClock#awaitQuiet()} returns, every message on its way to the probe has been recorded. A
 * message that has not arrived by then will not arrive until the test moves time, so waiting longer in
 * real time would only make a failing test slow (pekko#3235 is the opposite mistake: asserting before
 * the in-flight messages were handled).
 *
 * @param <M> the message type
 */
public final class Recorder<M> {

    private static final int HISTORY = 5;

    private final LinkedBlockingQueue<Received<M>> queue = new LinkedBlockingQueue<>();
    private final ArrayDeque<Received<M>> history = new ArrayDeque<>(HISTORY);
    private final ManualClock clock;

    /**
     * Creates an empty recorder.
     *
     * @param clock the system's manual clock, or {@code null} on real time
     */
    public Recorder(ManualClock clock) {
        this.clock = clock;
    }

    /**
     * Records a message; the relay actor's thread.
     *
     * @param message the message
     */
    public void record(M message) {
        queue.add(new Received<>(message, System.nanoTime(), clock == null ? null : clock.elapsed()));
    }

    /**
     * Takes the next message: at once if one is waiting; otherwise, on real time, waiting up to
     * {@code timeoutNanos}; on a manual clock, waiting until the system is quiet.
     *
     * @param timeoutNanos how long to wait on real time; zero or less: do not wait
     * @return the message, or {@code null} if none came
     * @throws InterruptedException  if the waiting thread is interrupted
     * @throws IllegalStateException on a manual clock, if the system does not go quiet within the clock's
     *                               quiet timeout
     */
    public Received<M> take(long timeoutNanos) throws InterruptedException {
        Received<M> r = queue.poll();
        if (r == null) {
            if (clock != null) {
                clock.awaitQuiet();
                r = queue.poll();
            } else if (timeoutNanos > 0) {
                r = queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            }
        }
        if (r != null) {
            synchronized (history) {
                if (history.size() == HISTORY) {
                    history.removeFirst();
                }
                history.addLast(r);
            }
        }
        return r;
    }

    /** {@return the last few messages taken, oldest first} */
    public List<Received<M>> history() {
        synchronized (history) {
            return new ArrayList<>(history);
        }
    }

    /** {@return how many messages are waiting} */
    public int waiting() {
        return queue.size();
    }

    /** {@return the manual clock, or {@code null} on real time} */
    public ManualClock clock() {
        return clock;
    }
}
