package dev.crema.actor.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.crema.actor.SendResult;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A draining actor must terminate even while producers keep trying to send to it. A send refused by a
 * closed mailbox still adds to COUNT for an instant before undoing it (MailboxCell.offer); the draining
 * turn must not mistake that passing reservation for a message, and must not go idle over it either.
 * The producer sends several times to widen the window.
 */
@JCStressTest
@Description("Draining stop racing several refused trySends: every accepted message is handled and the actor terminates.")
@Outcome(id = {"0, 0, 0, 1", "1, 1, 0, 1", "2, 2, 0, 1", "3, 3, 0, 1", "4, 4, 0, 1"}, expect = ACCEPTABLE,
        desc = "The messages accepted before the close were drained; the rest refused; terminated.")
@Outcome(id = ".*, 0", expect = FORBIDDEN, desc = "STUCK: the actor went idle in DRAINING and never terminates "
        + "(a refused send's passing reservation was seen by the end-of-drain check).")
@Outcome(expect = FORBIDDEN, desc = "An accepted message not handled, or dead-lettered by a graceful stop.")
@State
public class DrainVsRefusedSendsTest {

    private static final int SENDS = 4;

    private final ActorCell<Object> cell = Harness.countingActor(new Harness.Inline(), 16);
    private final Harness.Token[] tokens = new Harness.Token[SENDS];

    public DrainVsRefusedSendsTest() {
        for (int i = 0; i < SENDS; i++) {
            tokens[i] = new Harness.Token();
        }
    }

    @Actor
    public void stopper() {
        cell.sendSystem(new SystemMessage.Stop(true, false, null));
    }

    @Actor
    public void sender(IIII_Result r) {
        int accepted = 0;
        for (Harness.Token t : tokens) {
            if (cell.trySend(t) == SendResult.ACCEPTED) {
                accepted++;
            }
        }
        r.r1 = accepted;
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        int processed = 0;
        int dead = 0;
        for (Harness.Token t : tokens) {
            processed += t.processed.get();
            dead += t.deadLettered.get();
        }
        r.r2 = processed;
        r.r3 = dead;
        r.r4 = cell.isTerminated() ? 1 : 0;
    }
}
