package dev.crema.actor.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.crema.actor.RegistryKey;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/** A registration racing the actor's stop: the name never outlives the actor. */
@JCStressTest
@Description("register racing the actor's termination: a name never outlives its actor.")
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "Registered, then released when the actor terminated.")
@Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "Refused: the actor had already stopped (IllegalStateException).")
@Outcome(id = ".*, 1, 1", expect = FORBIDDEN, desc = "LEAK: the name resolves to a terminated actor.")
@Outcome(expect = FORBIDDEN, desc = "Anything else (the actor did not terminate).")
@State
public class RegistryRegisterVsStopTest {

    private final ActorCell<Object> a = Harness.countingActor(new Harness.Inline(), 16);
    private final RegistryKey<Object> key = RegistryKeys.fresh();

    @Actor
    public void register(III_Result r) {
        r.r1 = RegistryKeys.tryRegister(key, a);
    }

    @Actor
    public void stop() {
        Harness.RT.stop(a);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r2 = RegistryKeys.holder(key, a, a) == 0 ? 0 : 1;
        r.r3 = a.isTerminated() ? 1 : 0;
        RegistryKeys.release(key, a, a);
    }
}
