package dev.crema.examples.web;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's own books, across all sessions: every state frame a session took from the broadcaster ends in
 * exactly one of sent, coalesced (replaced by a newer one before it could be sent) or abandoned (pending or in
 * flight when its session ended, or its send failed). So, once no session is open,
 * {@code statesOffered = statesSent + statesCoalesced + statesAbandoned}; while sessions are open the difference
 * is at most two a session (one pending, one in flight). Thread-safe (written by the session actors and Jetty's
 * threads, read by anyone).
 */
public final class WebStats {

    final LongAdder sessionsOpened = new LongAdder();
    final LongAdder sessionsEnded = new LongAdder();
    final LongAdder statesOffered = new LongAdder();
    final LongAdder statesSent = new LongAdder();
    final LongAdder statesCoalesced = new LongAdder();
    final LongAdder statesAbandoned = new LongAdder();
    final LongAdder repliesSent = new LongAdder();
    final LongAdder repliesDropped = new LongAdder();
    final LongAdder commandsAccepted = new LongAdder();
    final LongAdder commandsRefused = new LongAdder();
    final LongAdder closedSlow = new LongAdder();
    final LongAdder disconnected = new LongAdder();
    final LongAccumulator maxOutbox = new LongAccumulator(Math::max, 0);

    /** {@return sessions whose actor started} */
    public long sessionsOpened() {
        return sessionsOpened.sum();
    }

    /** {@return sessions whose actor has stopped} */
    public long sessionsEnded() {
        return sessionsEnded.sum();
    }

    /** {@return state frames the sessions took from the broadcaster} */
    public long statesOffered() {
        return statesOffered.sum();
    }

    /** {@return state frames written to a client} */
    public long statesSent() {
        return statesSent.sum();
    }

    /** {@return state frames replaced by a newer one while a send to that client was in flight} */
    public long statesCoalesced() {
        return statesCoalesced.sum();
    }

    /** {@return state frames pending or in flight when their session ended, or whose send failed} */
    public long statesAbandoned() {
        return statesAbandoned.sum();
    }

    /** {@return answers (hello, acks and errors) written to a client} */
    public long repliesSent() {
        return repliesSent.sum();
    }

    /** {@return answers dropped because their session already held {@link WebSettings#replyBound()}} */
    public long repliesDropped() {
        return repliesDropped.sum();
    }

    /** {@return commands that reached the shop} */
    public long commandsAccepted() {
        return commandsAccepted.sum();
    }

    /** {@return client frames answered with an error frame} */
    public long commandsRefused() {
        return commandsRefused.sum();
    }

    /** {@return sessions closed because a frame waited longer than {@link WebSettings#slowLimit()}} */
    public long closedSlow() {
        return closedSlow.sum();
    }

    /** {@return sessions disconnected because their close handshake took longer than the grace} */
    public long disconnected() {
        return disconnected.sum();
    }

    /** {@return the most frames any session held at once (in flight, pending state, answers)} */
    public long maxOutbox() {
        return maxOutbox.get();
    }

    @Override
    public String toString() {
        return "sessions opened " + sessionsOpened() + ", ended " + sessionsEnded() + "; states offered "
                + statesOffered() + " = sent " + statesSent() + " + coalesced " + statesCoalesced() + " + abandoned "
                + statesAbandoned() + " (+ pending/in flight); replies sent " + repliesSent() + ", dropped "
                + repliesDropped() + "; commands accepted " + commandsAccepted() + ", refused " + commandsRefused()
                + "; closed slow " + closedSlow() + ", disconnected " + disconnected() + "; most frames held by a session "
                + maxOutbox();
    }
}
