package dev.crema.actor.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A stop racing a {@code tell}: the message is delivered or dead-lettered, never both, never neither.
 * The actor's turns run inline on whichever thread takes the run token, so the stop and the delivery
 * really race.
 */
@JCStressTest
@Description("system.stop racing tell: the message is either delivered or dead-lettered, never both, never neither.")
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "Delivered, then the actor stopped.")
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "Dead-lettered: refused by the closed mailbox, or left in it when the actor stopped.")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "LOST: neither delivered nor dead-lettered.")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "DUPLICATED: delivered and dead-lettered.")
@Outcome(expect = FORBIDDEN, desc = "Anything else (the actor did not terminate, or a message counted twice).")
@State
public class StopVsTellTest {

    private final ActorCell<Object> cell = Harness.countingActor(new Harness.Inline(), 16);
    private final Harness.Token token = new Harness.Token();

    @Actor
    public void sender() {
        cell.tell(token);
    }

    @Actor
    public void stopper() {
        Harness.RT.stop(cell);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = token.processed.get();
        r.r2 = token.deadLettered.get();
        r.r3 = cell.isTerminated() ? 1 : 0;
    }
}
