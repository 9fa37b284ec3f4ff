package dev.crema.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.crema.bench.amqp.RemoteWorkloads;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The remote benchmarks' workloads, small, twice each, counts exact (never timing). Skipped without a
 * broker unless {@code crema.amqp.required=true}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteSmokeTest {

    interface Make {
        Workload make() throws Exception;
    }

    private static void runTwice(Make make, long expected) throws Exception {
        Workload w;
        try {
            w = make.make();
        } catch (java.io.IOException e) {
            String line = "NO RABBITMQ: RemoteSmokeTest SKIPPED (apt-get install rabbitmq-server): " + e;
            if (Boolean.getBoolean("crema.amqp.required")) {
                fail(line);
            }
            System.err.println("=== " + line);
            Assumptions.abort(line);
            return;
        }
        try (w) {
            for (int run = 0; run < 2; run++) {
                assertThat(w.run()).as("run %d", run).isEqualTo(expected);
            }
        }
    }

    @Test
    void cremaTell() throws Exception {
        runTwice(() -> new RemoteWorkloads.CremaTell(2_000, 64, 32), 2_000);
    }

    @Test
    void rawTell() throws Exception {
        runTwice(() -> new RemoteWorkloads.RawTell(2_000, 64, 32), 2_000);
    }

    @Test
    void cremaAsk() throws Exception {
        runTwice(() -> new RemoteWorkloads.CremaAsk(100, 64, 32), 100);
    }

    @Test
    void rawAsk() throws Exception {
        runTwice(() -> new RemoteWorkloads.RawAsk(100, 64, 32), 100);
    }
}
