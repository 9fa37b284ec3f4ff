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
 * No lost wake-up: a user message offered while the consumer ends its turn and goes idle is always
 * handled. The consumer holds the run token and has one message to take; the producer offers a second
 * one concurrently. Dispatched turns are recorded and run by the arbiter, so a message that nobody will
 * ever run shows up as "1".
 */
@JCStressTest
@Description("A user message offered while the actor goes idle is always processed (no lost wake-up).")
@Outcome(id = "2, 1, 0", expect = ACCEPTABLE, desc = "The consumer's turn took both messages, then went idle.")
@Outcome(id = "2, 1, 1", expect = ACCEPTABLE, desc = "The second message came after the turn's last poll; "
        + "exactly one new turn was dispatched (by the consumer keeping the token, or by the producer taking it) and handled it.")
@Outcome(id = "1, .*", expect = FORBIDDEN, desc = "LOST WAKE-UP: a message was accepted and nobody will run the actor.")
@Outcome(id = "2, 1, [2-9]", expect = FORBIDDEN, desc = "Two run tokens: more than one turn was dispatched.")
@Outcome(expect = FORBIDDEN, desc = "Anything else: the cell did not end idle and empty, or a message was handled twice.")
@State
public class MailboxWakeupTest {

    private final Harness.Recording executor = new Harness.Recording();
    private final ProbeCell cell = new ProbeCell(executor, 16, 64);

    public MailboxWakeupTest() {
        cell.offer("first"); // a new cell holds its creation token, so this dispatches nothing
    }

    @Actor
    public void consumer() {
        cell.run(); // the creator's turn: takes what it finds and gives the token back (or keeps it)
    }

    @Actor
    public void producer() {
        cell.offer("second");
    }

    @Arbiter
    public void arbiter(III_Result r) {
        executor.runAll();
        r.r1 = cell.userMessages.get();
        r.r2 = Harness.idleAndEmpty(cell) ? 1 : 0;
        r.r3 = executor.dispatched();
    }
}
