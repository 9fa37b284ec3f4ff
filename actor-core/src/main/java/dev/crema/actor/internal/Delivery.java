package dev.crema.actor.internal;

import static dev.crema.actor.internal.ActorCell.DRAINING;
import static dev.crema.actor.internal.ActorCell.RUNNING;

import dev.crema.actor.Actor;
import dev.crema.actor.BatchActor;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.Interceptor;
import java.util.ArrayList;
import java.util.List;

/**
 * Handing user messages to an actor's instance: the user part of a turn (a throughput batch), one
 * message at a time or as batches for a {@link BatchActor}, through the actor's {@link Interceptor} if
 * it has one. Every method runs on the actor's own thread, inside its turn.
 */
final class Delivery {

    private Delivery() {
    }

    /** The user part of a turn: up to {@code throughput} messages, then the draining bookkeeping. */
    static <M> void userMessages(ActorCell<M> cell) {
        SystemRuntime rt = cell.runtime();
        int limit = cell.props.throughput;
        int polled = 0;
        while (polled < limit && (cell.phase() == RUNNING || cell.phase() == DRAINING)) {
            Object m = cell.pollUser();
            if (m == null) {
                break;
            }
            polled++;
            int handled;
            if (cell.actor() instanceof BatchActor<M> batchActor) {
                List<Object> batch = new ArrayList<>();
                polled += Batches.collect(cell, m, Math.min(batchActor.maxBatch(), limit - polled + 1), batch) - 1;
                handled = invokeBatch(cell, batch) ? batch.size() : 0;
            } else {
                handled = invoke(cell, m) ? 1 : 0;
            }
            if (handled > 0 && rt.isShuttingDown()) {
                rt.addDrained(handled); // per message: a turn may straddle the start of shutdown
            }
            if (cell.systemMessagePushed()) {
                // system messages come first: a stop, say, takes effect after the current message
                Lifecycle.processSystemMessages(cell, cell.takeSystemMessages());
            }
        }
        if (cell.phase() == DRAINING) {
            if (cell.pendingUser() == 0) {
                Lifecycle.beginStopping(cell, true);
            } else {
                // More may be left, or only a refused offer's passing reservation (it can land after the
                // poll that found the mailbox empty): a closed mailbox cannot tell yet, and endTurn would
                // go idle for good on the latter. Guarantee another turn, which will tell.
                cell.sendSystem(new SystemMessage.Continue());
            }
        }
    }

    /**
     * One message (or timer tick, or death notice).
     *
     * @return whether the handler completed normally
     */
    @SuppressWarnings("unchecked")
    static <M> boolean invoke(ActorCell<M> cell, Object m) {
        Object msg = m;
        if (m instanceof ActorTimers.Entry e) {
            msg = e.accept(cell);
            if (msg == null) {
                return false; // a cancelled or replaced timer: by contract never delivered
            }
        }
        Actor<M> actor = cell.actor();
        M typed = (M) msg;
        Throwable failure = null;
        try {
            Interceptor interceptor = cell.props.interceptor;
            if (interceptor == null) {
                actor.receive(typed); // the hot path: no allocation
            } else {
                interceptor.intercept(cell, typed, () -> actor.receive(typed));
            }
        } catch (Throwable t) {
            failure = t;
        }
        if (failure != null) {
            cell.fail(failure, msg);
        }
        cell.afterHandler();
        return failure == null;
    }

    /**
     * A batch, timer ticks already resolved. If the handler throws, every message of the batch goes to
     * dead letters with the cause (the last one as the actor's failing message).
     *
     * @return whether the handler completed normally
     */
    @SuppressWarnings("unchecked")
    private static <M> boolean invokeBatch(ActorCell<M> cell, List<Object> batch) {
        if (batch.isEmpty()) {
            return false; // only stale timer ticks
        }
        BatchActor<M> actor = (BatchActor<M>) cell.actor();
        List<M> typed = (List<M>) (List<?>) batch;
        Throwable failure = null;
        try {
            Interceptor interceptor = cell.props.interceptor;
            if (interceptor == null) {
                actor.receiveBatch(typed);
            } else {
                interceptor.intercept(cell, typed, () -> actor.receiveBatch(typed));
            }
        } catch (Throwable t) {
            failure = t;
        }
        if (failure != null) {
            for (int i = 0; i < batch.size() - 1; i++) {
                cell.runtime().deadLetters().publish(cell.path(), batch.get(i), DeadLetterReason.FAILED, failure);
            }
            cell.fail(failure, batch.get(batch.size() - 1));
        }
        cell.afterHandler();
        return failure == null;
    }
}
