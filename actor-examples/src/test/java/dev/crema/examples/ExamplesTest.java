package dev.crema.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs each small example's {@code main} and checks what it prints. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExamplesTest {

    @Test
    void pingPong_playsTheWholeRally() throws Exception {
        String out = QuickStartTest.captureStdout(() -> PingPong.main(new String[] {"6"}));

        assertThat(out).containsSubsequence("  pong 1", "ping 2", "  pong 3", "ping 4", "  pong 5",
                "rally over after 6 hits");
    }

    @Test
    void supervisionTree_restartsTheKitchenTogether_andLeavesTheTillAlone() throws Exception {
        String out = QuickStartTest.captureStdout(() -> SupervisionTree.main(new String[0]));

        assertThat(out).contains("before: till #1, grinder #1, steamer #1",
                "after:  till #1, grinder #2, steamer #2",
                "the kitchen restarted the steamer 1 time(s), keeping its address: true");
    }

    @Test
    void registryExample_findsWaitsRefusesAndReleases() throws Exception {
        String out = QuickStartTest.captureStdout(() -> RegistryExample.main(new String[0]));

        assertThat(out).contains("the cashier heard: one latte, please",
                "the barista showed up at crema://registry/user/barista",
                "wrong type: name 'cashier' is registered for messages of type java.lang.String",
                "after the cashier stopped: lookup Optional.empty, names [barista]");
    }

    @Test
    void backpressure_eachSendSaysNoInItsOwnWay() throws Exception {
        String out = QuickStartTest.captureStdout(() -> Backpressure.main(new String[0]));

        assertThat(out).contains("trySend page 3: ACCEPTED", "trySend page 4: FULL",
                "tell page 5: dead letters MAILBOX_FULL=1", "ask page 6: rejected at once, FULL",
                "send page 7 (waits for room): ACCEPTED", "printed all accepted pages");
    }
}
