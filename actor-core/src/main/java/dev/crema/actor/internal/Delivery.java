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
        if (!rt.userCodeAllowed() && deliverable(cell)) {
            Lifecycle.stopNow(cell, null); // past the shutdown's budget: the backlog is dead-lettered, not handled
            return;
        }
        int limit = cell.props.throughput;
        int polled = 0;
        if (deliverable(cell) && cell.stateOrNull() != null && cell.state().heldOver != null) {
            polled = deliverHeldOver(cell);
        }
        while (polled < limit && deliverable(cell)) {
            Object m = cell.pollUser();
            if (m == null) {
                break;
            }
            polled++;
            List<Object> batch = null;
            if (cell.actor() instanceof BatchActor<M> batchActor) {
                batch = new ArrayList<>();
                polled += Batches.collect(cell, m, Math.min(batchActor.maxBatch(), limit - polled + 1), batch) - 1;
            }
            if (cell.systemMessagePushed()) {
                // A system message pushed before the message we just took was offered must take effect first
                // (an unwatch, a stop, a restart: the sender may have sent it, then this message). Reading the
                // stack after the poll sees every push that happened-before that message's offer. Meanwhile
                // the taken messages are held over, at the head of the mailbox: a stop dead-letters them
                // first, a suspension keeps them for later.
                Lifecycle.holdOver(cell, batch != null ? batch : List.of(m));
                Lifecycle.processSystemMessages(cell, cell.takeSystemMessages());
                if (!deliverable(cell)) {
                    break;
                }
                Lifecycle.takeBackHeldOver(cell);
            }
            int handled;
            if (batch != null) {
                handled = invokeBatch(cell, batch) ? batch.size() : 0;
            } else {
                handled = invoke(cell, m) ? 1 : 0;
            }
            if (handled > 0 && rt.isShuttingDown()) {
                rt.addDrained(handled); // per message: a turn may straddle the start of shutdown
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

    private static boolean deliverable(ActorCell<?> cell) {
        int phase = cell.phase();
        return phase == RUNNING || phase == DRAINING;
    }

    /**
     * Messages taken out of the queue before a system message suspended the actor (see
     * {@link Lifecycle#holdOver}): they come first once it takes messages again. Each leaves the held-over
     * list just before it is handled, so a handler that stops or fails the actor leaves the rest where a
     * stop (dead letters, before the queue) or a later turn finds them.
     *
     * @return how many were taken
     */
    @SuppressWarnings("unchecked")
    private static <M> int deliverHeldOver(ActorCell<M> cell) {
        CellState st = cell.state();
        if (cell.actor() instanceof BatchActor<M>) {
            List<Object> batch = Lifecycle.takeBackHeldOver(cell);
            boolean ok = invokeBatch(cell, batch);
            if (ok && cell.runtime().isShuttingDown()) {
                cell.runtime().addDrained(batch.size());
            }
            return batch.size();
        }
        int taken = 0;
        while (st.heldOver != null && deliverable(cell)) {
            Object m = st.heldOver.remove(0);
            if (st.heldOver.isEmpty()) {
                st.heldOver = null;
            }
            cell.releaseHeld(1);
            taken++;
            if (invoke(cell, m) && cell.runtime().isShuttingDown()) {
                cell.runtime().addDrained(1);
            }
        }
        return taken;
    }

    /**
     * One message (or timer tick, or death notice).
     *
     * @return whether the handler completed normally
     */
    @SuppressWarnings("unchecked")
    static <M> boolean invoke(ActorCell<M> cell, Object m) {
        Object msg = m;
        if (m instanceof Envelope e) {
            msg = e.open(cell);
            if (msg == null) {
                return false; // a cancelled timer's tick, a notice of an unwatched actor: by contract never delivered
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
                cell.state().countDeadLetters(DeadLetterReason.FAILED, 1);
                cell.runtime().deadLetters().publish(cell.path(), batch.get(i), DeadLetterReason.FAILED, failure);
            }
            cell.fail(failure, batch.get(batch.size() - 1));
        }
        cell.afterHandler();
        return failure == null;
    }
}
