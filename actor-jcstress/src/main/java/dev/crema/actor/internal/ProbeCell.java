package dev.crema.actor.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare {@link MailboxCell} for the protocol tests: its turn takes the system messages, then up to a
 * throughput batch of user messages, counting both, and records whether two threads were ever inside a
 * turn of it at once. Nothing of {@link ActorCell} is involved.
 */
final class ProbeCell extends MailboxCell {

    private final AtomicInteger inTurn = new AtomicInteger();
    final AtomicInteger userMessages = new AtomicInteger();
    final AtomicInteger systemMessages = new AtomicInteger();
    final AtomicInteger turns = new AtomicInteger();
    volatile boolean overlapped;

    ProbeCell(Executor executor, int capacity, int throughput) {
        super(Harness.props(executor, capacity, throughput));
    }

    @Override
    protected void turn() {
        if (inTurn.incrementAndGet() != 1) {
            overlapped = true;
        }
        turns.incrementAndGet();
        for (SystemMessage m = takeSystemMessages(); m != null; m = m.next) {
            systemMessages.incrementAndGet();
        }
        for (int i = 0; i < props.throughput; i++) {
            if (pollUser() == null) {
                break;
            }
            userMessages.incrementAndGet();
        }
        if (inTurn.decrementAndGet() != 0) {
            overlapped = true;
        }
    }

    @Override
    protected void onRejected(RejectedExecutionException e) {
        throw new AssertionError("the test executors never reject", e);
    }
}
