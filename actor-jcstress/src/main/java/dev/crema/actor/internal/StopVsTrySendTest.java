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
 * A stop racing a {@code trySend}: an ACCEPTED message is delivered or dead-lettered (exactly one of the
 * two); a refused one (STOPPED) is neither, because the caller was told.
 */
@JCStressTest
@Description("system.stop racing trySend: ACCEPTED means delivered xor dead-lettered; STOPPED means neither.")
@Outcome(id = "0, 1, 0, 1", expect = ACCEPTABLE, desc = "ACCEPTED and delivered before the stop.")
@Outcome(id = "0, 0, 1, 1", expect = ACCEPTABLE, desc = "ACCEPTED, then dead-lettered by the stop (STOPPED).")
@Outcome(id = "2, 0, 0, 1", expect = ACCEPTABLE, desc = "Refused with STOPPED: the sender was told, nothing to dead-letter.")
@Outcome(id = "0, 0, 0, .*", expect = FORBIDDEN, desc = "LOST: accepted, then neither delivered nor dead-lettered.")
@Outcome(expect = FORBIDDEN, desc = "Anything else: duplicated, dead-lettered although refused, or not terminated.")
@State
public class StopVsTrySendTest {

    private final ActorCell<Object> cell = Harness.countingActor(new Harness.Inline(), 16);
    private final Harness.Token token = new Harness.Token();

    @Actor
    public void sender(IIII_Result r) {
        r.r1 = cell.trySend(token).ordinal(); // ACCEPTED 0, FULL 1, STOPPED 2
    }

    @Actor
    public void stopper() {
        Harness.RT.stop(cell);
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        r.r2 = token.processed.get();
        r.r3 = token.deadLettered.get();
        r.r4 = cell.isTerminated() ? 1 : 0;
    }
}
