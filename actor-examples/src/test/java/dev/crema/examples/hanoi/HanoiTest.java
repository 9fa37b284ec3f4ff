package dev.crema.examples.hanoi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.amqp.AmqpNode;
import dev.crema.amqp.AmqpSettings;
import dev.crema.examples.hanoi.Hanoi.Job;
import dev.crema.examples.hanoi.Hanoi.Solved;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine and the client of the README, as two actor systems with two connections, on the real broker. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HanoiTest {

    @Test
    void clientAsksEngine_acrossTheBroker() throws Exception {
        AmqpSettings settings = AmqpSettings.fromEnvironment();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ActorSystem engineSystem = ActorSystem.create("hanoi-engine");
             ActorSystem clientSystem = ActorSystem.create("hanoi-client")) {
            AmqpNode engine;
            try {
                engine = HanoiEngine.start(engineSystem, settings, 2, pool);
            } catch (java.io.IOException e) {
                String line = "NO RABBITMQ at " + settings.brokerAddress() + ": HanoiTest SKIPPED (apt-get install rabbitmq-server)";
                if (Boolean.getBoolean("crema.amqp.required")) {
                    fail(line);
                }
                System.err.println("=== " + line);
                Assumptions.abort(line);
                return;
            }
            try (AmqpNode client = AmqpNode.connect(clientSystem, "client", settings)) {
                Addr<Job> jobs = client.remote(Hanoi.QUEUE, Hanoi.JOBS);
                for (int n : new int[] {1, 10, 18}) {
                    Solved s = HanoiClient.ask(jobs, n, Duration.ofSeconds(20));
                    assertThat(s.moves()).isEqualTo((1L << n) - 1);
                    assertThat(s.checksum()).isEqualTo(Hanoi.solve(n)[1]);
                    assertThat(s.worker()).startsWith("worker-");
                }
            }
            engineSystem.shutdown(Duration.ofSeconds(5));
            assertThat(engine.isConnected()).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }
}
