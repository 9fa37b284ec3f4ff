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
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Capacity is exact: two producers race for the last place of a mailbox (capacity 2, one message
 * already waiting, no consumer running). Exactly one gets it.
 */
@JCStressTest
@Description("Two producers racing for the last place of a bounded mailbox: exactly one is accepted.")
@Outcome(id = {"0, 1, 2", "1, 0, 2"}, expect = ACCEPTABLE, desc = "One ACCEPTED, the other FULL; two messages queued.")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "OVER CAPACITY: both accepted.")
@Outcome(expect = FORBIDDEN, desc = "Both refused although one place was free, or a wrong count.")
@State
public class CapacityTest {

    private final ProbeCell cell = new ProbeCell(new Harness.Recording(), 2, 64); // holds its creation token: never runs

    public CapacityTest() {
        cell.offer("waiting");
    }

    @Actor
    public void first(III_Result r) {
        r.r1 = cell.offer("a") == SendResult.ACCEPTED ? 0 : 1;
    }

    @Actor
    public void second(III_Result r) {
        r.r2 = cell.offer("b") == SendResult.ACCEPTED ? 0 : 1;
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = cell.mailboxSize();
    }
}
