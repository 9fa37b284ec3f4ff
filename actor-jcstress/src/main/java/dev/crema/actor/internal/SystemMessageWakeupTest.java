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
 * No lost wake-up on the system channel: a system message and a user message sent while the consumer
 * ends its turn are both handled, whatever the interleaving of the Treiber-stack push, the SYS bit and
 * the end-of-turn CAS.
 */
@JCStressTest
@Description("A system message (and a user message) sent while the actor goes idle are always processed.")
@Outcome(id = "1, 2, 1, [01]", expect = ACCEPTABLE, desc = "Both handled; at most one extra turn was dispatched.")
@Outcome(id = "0, .*", expect = FORBIDDEN, desc = "LOST WAKE-UP: a system message was pushed and nobody will run the actor.")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "LOST WAKE-UP: a user message was accepted and nobody will run the actor.")
@Outcome(expect = FORBIDDEN, desc = "Anything else: two run tokens, a message handled twice, or the cell not idle at the end.")
@State
public class SystemMessageWakeupTest {

    private final Harness.Recording executor = new Harness.Recording();
    private final ProbeCell cell = new ProbeCell(executor, 16, 64);

    public SystemMessageWakeupTest() {
        cell.offer("first");
    }

    @Actor
    public void consumer() {
        cell.run();
    }

    @Actor
    public void sender() {
        cell.sendSystem(new SystemMessage.Continue());
        cell.offer("second");
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        executor.runAll();
        r.r1 = cell.systemMessages.get();
        r.r2 = cell.userMessages.get();
        r.r3 = Harness.idleAndEmpty(cell) ? 1 : 0;
        r.r4 = executor.dispatched();
    }
}
