package dev.crema.actor.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The Dekker pair between {@code sendSystem} (push, then read TERMINATED) and {@code markTerminated}
 * (set TERMINATED, then drain): a watch racing the target's termination is answered exactly once, by
 * the target if it saw the watch, by the sender otherwise.
 */
@JCStressTest
@Description("A death watch racing the target's stop notifies exactly once.")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Notified once (by the target at termination, or by the sender on the spot).")
@Outcome(id = "0, 1", expect = FORBIDDEN, desc = "LOST: the watch fell between the termination and the drain.")
@Outcome(id = "2, 1", expect = FORBIDDEN, desc = "DUPLICATED: notified by both sides.")
@Outcome(expect = FORBIDDEN, desc = "Anything else.")
@State
public class WatchVsStopTest {

    private final ActorCell<Object> target = Harness.countingActor(new Harness.Inline(), 16);
    private final AtomicInteger notified = new AtomicInteger();

    @Actor
    public void watcher() {
        target.sendSystem(new SystemMessage.Watch((t, cause) -> notified.incrementAndGet()));
    }

    @Actor
    public void stopper() {
        Harness.RT.stop(target);
    }

    @Arbiter
    public void arbiter(II_Result r) {
        r.r1 = notified.get();
        r.r2 = target.isTerminated() ? 1 : 0;
    }
}
