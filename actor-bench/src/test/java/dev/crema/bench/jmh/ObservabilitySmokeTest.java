package dev.crema.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs each case of {@link ObservabilityCostBench} once through its own set-up and tear-down (a recording
 * started and closed, the inspecting thread started and joined, turn timing on), and one snapshot of
 * {@link InspectBench}: the benchmark code works and counts right. Never timing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ObservabilitySmokeTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"off", "jfr-default", "jfr-profile", "jfr-crema", "turn-timing", "inspect-100ms",
            "inspect-10ms"})
    void everyCase_runsBothWorkloadsAndCleansUp(String observe) throws Exception {
        for (ObservabilityCostBench.Observed s : new ObservabilityCostBench.Observed[] {
                new ObservabilityCostBench.CountingState(), new ObservabilityCostBench.PingPongState()}) {
            s.observe = observe;
            s.setUp();
            try {
                assertThat(FlightRecorder.getFlightRecorder().getRecordings().stream().map(Recording::getName))
                        .as("a recording runs only for the jfr-* cases")
                        .filteredOn(n -> n.startsWith("observability-cost-"))
                        .containsExactlyElementsOf(observe.startsWith("jfr-") ? List.of(
                                "observability-cost-" + observe) : List.of());
                assertThat(s.workload.system().config().turnTiming()).isEqualTo(observe.equals("turn-timing"));
                assertThat(s.workload.runChecked()).isEqualTo(s.workload.expected());
            } finally {
                s.tearDown(); // throws if the inspecting thread took no snapshot
            }
        }
        assertThat(FlightRecorder.getFlightRecorder().getRecordings()).noneMatch(r -> r.getName().startsWith(
                "observability-cost-"));
    }

    @Test
    void inspectBench_seesEveryIdleActor() {
        InspectBench b = new InspectBench();
        b.actors = 1000;
        b.setUp();
        try {
            assertThat(b.inspect().liveActors()).isEqualTo(1000);
        } finally {
            b.tearDown(); // checks the count too
        }
    }
}
