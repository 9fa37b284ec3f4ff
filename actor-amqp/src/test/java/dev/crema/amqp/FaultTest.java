package dev.crema.amqp;

import static dev.crema.amqp.Broker.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetter;
import dev.crema.actor.ShutdownReport;
import dev.crema.actor.SystemConfig;
import dev.crema.amqp.Protocol.Add;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults against the real broker: a connection cut and restored mid-stream through {@link CutProxy}, and a
 * shutdown under load. Conservation, never timing: every accepted message is processed exactly once or
 * dead-lettered with a reason.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FaultTest {

    static final Codec<Protocol> CODEC = JsonCodec.of(Protocol.class);

    @Test
    void connectionCutAndRestoredMidStream_everyAcceptedMessageProcessedExactlyOnceOrDeadLettered() throws Exception {
        try (Broker broker = Broker.require();
             CutProxy proxy = new CutProxy(broker.settings.host(), broker.settings.port());
             ActorSystem consumerSystem = ActorSystem.create("consumer");
             ActorSystem producerSystem = ActorSystem.create("producer")) {
            ConcurrentLinkedQueue<DeadLetter> dead = new ConcurrentLinkedQueue<>();
            producerSystem.deadLetters().subscribe(dead::add);
            consumerSystem.deadLetters().subscribe(dead::add);
            AmqpSettings via = broker.viaProxy(proxy).withPublishWindow(64);
            AmqpNode consumerNode = AmqpNode.connect(consumerSystem, "consumer", via);
            AmqpNode producerNode = AmqpNode.connect(producerSystem, "producer", via);
            String q = broker.queue("cut");
            ConcurrentHashMap<Long, Integer> seen = new ConcurrentHashMap<>();
            AtomicLong processed = new AtomicLong();
            Addr<Protocol> sink = consumerSystem.spawn("sink", ctx -> m -> {
                seen.merge(((Add) m).n(), 1, Integer::sum);
                processed.incrementAndGet();
            });
            Exposure exposure = consumerNode.expose(q, sink, CODEC, ExposeOptions.defaults().withDurable(false));
            Addr<Protocol> remote = producerNode.remote(q, CODEC);

            int n = 6000;
            long accepted = 0;
            long refused = 0;
            boolean restored = false;
            for (int i = 0; i < n; i++) {
                if (i == n / 3) {
                    proxy.cut();
                    awaitUntil("both nodes saw the cut", () -> !producerNode.isConnected() && !consumerNode.isConnected());
                }
                if (!restored && refused >= 10) { // the window filled up while disconnected: bring the broker back
                    proxy.restore();
                    restored = true;
                }
                if (remote.send(new Add(i), Duration.ofMillis(restored ? 10_000 : 100)).isAccepted()) {
                    accepted++;
                } else {
                    refused++;
                }
            }
            long acceptedFinal = accepted;
            awaitUntil("every accepted message processed or dead-lettered",
                    () -> processed.get() + dead.size() >= acceptedFinal && producerNode.unconfirmed() == 0);
            System.err.printf("cut test: sent %d, accepted %d, refused %d, processed %d (distinct %d), dead letters %d,"
                            + " republished %d, duplicates dropped %d, connection losses %d/%d%n", n, accepted, refused,
                    processed.get(), seen.size(), dead.size(), producerNode.republished(), exposure.duplicates(),
                    producerNode.connectionLosses(), consumerNode.connectionLosses());
            assertThat(producerNode.connectionLosses()).isGreaterThanOrEqualTo(1);
            assertThat(seen.values()).as("processed exactly once").allMatch(c -> c == 1);
            assertThat(processed.get() + dead.size()).isEqualTo(accepted);
            assertThat(dead).allSatisfy(d -> assertThat(d.reason().isTransport()).isTrue());
            consumerNode.close();
            producerNode.close();
        }
    }

    @Test
    void shutdownUnderLoad_inFlightAckedOrRequeued_nothingLost() throws Exception {
        try (Broker broker = Broker.require();
             ActorSystem producerSystem = ActorSystem.create("producer")) {
            ActorSystem consumerSystem = ActorSystem.create("consumer",
                    SystemConfig.defaults().withShutdownTimeout(Duration.ofSeconds(10)));
            AmqpNode consumerNode = AmqpNode.connect(consumerSystem, "consumer", broker.settings);
            AmqpNode producerNode = AmqpNode.connect(producerSystem, "producer", broker.settings);
            String q = broker.queue("shutdown");
            AtomicLong processed = new AtomicLong();
            Addr<Protocol> sink = consumerSystem.spawn("sink", ctx -> m -> {
                Thread.sleep(0, 200_000);
                processed.incrementAndGet();
            });
            Exposure exposure = consumerNode.expose(q, sink, CODEC, ExposeOptions.defaults().withDurable(false));
            Addr<Protocol> remote = producerNode.remote(q, CODEC);
            int n = 3000;
            for (int i = 0; i < n; i++) {
                assertThat(remote.send(new Add(i), Broker.WAIT).isAccepted()).isTrue();
                if (i == n / 2) {
                    awaitUntil("consumption under way", () -> processed.get() > 0);
                    consumerSystem.shutdownAsync(Duration.ofSeconds(10));
                }
            }
            awaitUntil("all confirmed", () -> producerNode.unconfirmed() == 0);
            ShutdownReport report = consumerSystem.whenShutdown().get(30, TimeUnit.SECONDS);
            long left = broker.messageCount(q);
            System.err.printf("shutdown test: sent %d, processed %d, left in the queue %d, dead letters %d; %s%n", n,
                    processed.get(), left, consumerSystem.deadLetters().total(), report);
            assertThat(report.participants()).singleElement().asString().contains("consumers cancelled");
            assertThat(exposure.isActive()).isFalse();
            assertThat(consumerSystem.deadLetters().total()).isZero();
            assertThat(processed.get() + left).isEqualTo(n);
            producerNode.close();
        }
    }
}
