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

/** A releases its name while B registers the same name: B gets it only if A's release came first. */
@JCStressTest
@Description("unregister by the holder racing register by another actor: consistent outcome, no ghost entry.")
@Outcome(id = "1, 1, 2", expect = ACCEPTABLE, desc = "A released, then B registered.")
@Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "B came while A still held the name and was refused; then A released it.")
@Outcome(id = "1, 1, 0", expect = FORBIDDEN, desc = "LOST: B's successful registration vanished.")
@Outcome(id = ".*, 1", expect = FORBIDDEN, desc = "GHOST: the released name still resolves to A.")
@Outcome(expect = FORBIDDEN, desc = "Anything else (the holder's unregister failed).")
@State
public class RegistryUnregisterVsRegisterTest {

    private final ActorCell<Object> a = Harness.countingActor(new Harness.Inline(), 16);
    private final ActorCell<Object> b = Harness.countingActor(new Harness.Inline(), 16);
    private final RegistryKey<Object> key = RegistryKeys.fresh();

    public RegistryUnregisterVsRegisterTest() {
        Harness.RT.registry().register(key, a);
    }

    @Actor
    public void unregisterA(III_Result r) {
        r.r1 = Harness.RT.registry().unregister(key, a) ? 1 : 0;
    }

    @Actor
    public void registerB(III_Result r) {
        r.r2 = RegistryKeys.tryRegister(key, b);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r3 = RegistryKeys.holder(key, a, b);
        RegistryKeys.release(key, a, b);
    }
}
