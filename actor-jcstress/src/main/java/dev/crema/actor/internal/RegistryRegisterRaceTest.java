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

/** Two actors register under one name at once: exactly one wins, and the name resolves to the winner. */
@JCStressTest
@Description("Concurrent registrations of one name: exactly one wins and lookup returns it.")
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "A won; B was refused.")
@Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "B won; A was refused.")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "BOTH WON.")
@Outcome(expect = FORBIDDEN, desc = "Neither won, or the name resolves to the loser.")
@State
public class RegistryRegisterRaceTest {

    private final ActorCell<Object> a = Harness.countingActor(new Harness.Inline(), 16);
    private final ActorCell<Object> b = Harness.countingActor(new Harness.Inline(), 16);
    private final RegistryKey<Object> key = RegistryKeys.fresh();

    @Actor
    public void registerA(III_Result r) {
        r.r1 = RegistryKeys.tryRegister(key, a);
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
