package dev.crema.actor.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A graceful (draining) stop, as shutdown and supervisors send it, racing a {@code trySend}: a message the
 * mailbox accepted is handled before the actor stops (drained, not dead-lettered); one that came after
 * the close is refused. Either way the actor terminates.
 */
@JCStressTest
@Description("Draining stop racing trySend: accepted means handled; refused means STOPPED; the actor always terminates.")
@Outcome(id = "0, 1, 0, 1", expect = ACCEPTABLE, desc = "ACCEPTED before the close and drained.")
@Outcome(id = "2, 0, 0, 1", expect = ACCEPTABLE, desc = "Refused with STOPPED after the close.")
@Outcome(id = ".*, 0", expect = FORBIDDEN, desc = "STUCK: the actor went idle while draining and never terminates.")
@Outcome(expect = FORBIDDEN, desc = "Anything else: an accepted message lost or dead-lettered by a graceful stop.")
@State
public class GracefulStopVsTrySendTest {

    private final ActorCell<Object> cell = Harness.countingActor(new Harness.Inline(), 16);
    private final Harness.Token token = new Harness.Token();

    @Actor
    public void sender(IIII_Result r) {
        r.r1 = cell.trySend(token).ordinal();
    }

    @Actor
    public void stopper() {
        cell.sendSystem(new SystemMessage.Stop(true, false, null));
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        r.r2 = token.processed.get();
        r.r3 = token.deadLettered.get();
        r.r4 = cell.isTerminated() ? 1 : 0;
    }
}
