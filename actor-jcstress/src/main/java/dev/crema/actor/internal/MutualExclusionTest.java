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
 * Two threads never run one actor at once. Both threads make an idle cell runnable at the same time,
 * with user and system messages; the executor runs a dispatched turn at once on the dispatching thread,
 * so a second run token would show as two threads inside the turn together.
 */
@JCStressTest
@Description("Two threads never run one actor at once; every message is handled exactly once.")
@Outcome(id = "0, 2, 2, 1", expect = ACCEPTABLE, desc = "One thread at a time ran the turns; all four messages handled; idle at the end.")
@Outcome(id = "1, .*", expect = FORBIDDEN, desc = "TWO RUNNERS: two threads were inside the actor's turn at once.")
@Outcome(expect = FORBIDDEN, desc = "A message lost or handled twice, or the cell not idle and empty at the end.")
@State
public class MutualExclusionTest {

    private final ProbeCell cell = Harness.started(new ProbeCell(new Harness.Inline(), 16, 64));

    @Actor
    public void first() {
        cell.offer("a");
        cell.sendSystem(new SystemMessage.Continue());
    }

    @Actor
    public void second() {
        cell.sendSystem(new SystemMessage.Continue());
        cell.offer("b");
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        r.r1 = cell.overlapped ? 1 : 0;
        r.r2 = cell.userMessages.get();
        r.r3 = cell.systemMessages.get();
        r.r4 = Harness.idleAndEmpty(cell) ? 1 : 0;
    }
}
