package dev.crema.amqp;

import static org.assertj.core.api.Assertions.fail;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;

/**
 * The real broker the tests use ({@code CREMA_AMQP_URI}, default {@link AmqpSettings#DEFAULT_URI}), unique
 * queue names per run, deleted afterwards, and bounded waits. Without a broker the tests are skipped with
 * one loud line, unless {@code -Dcrema.amqp.required=true} (CI) makes that a failure.
 */
final class Broker implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static volatile String unreachable;

    final AmqpSettings settings = AmqpSettings.fromEnvironment().withReconnectInterval(Duration.ofMillis(200));
    private final List<String> queues = new CopyOnWriteArrayList<>();
    private final Connection admin;

    private Broker(Connection admin) {
        this.admin = admin;
    }

    /** Connects or skips (or fails, in CI). */
    static Broker require() {
        if (unreachable == null) {
            try {
                return new Broker(AmqpSettings.fromEnvironment().newConnectionFactory().newConnection("crema-test-admin"));
            } catch (Exception e) {
                unreachable = e + (e.getCause() != null ? " caused by " + e.getCause() : "");
            }
        }
        String line = "NO RABBITMQ at " + AmqpSettings.fromEnvironment().brokerAddress() + " (" + unreachable
                + "): actor-amqp tests SKIPPED. Start one with `apt-get install rabbitmq-server` (Debian) "
                + "or `rabbitmq-server -detached`, or set CREMA_AMQP_URI.";
        if (Boolean.getBoolean("crema.amqp.required")) {
            fail(line + " (crema.amqp.required=true: failing)");
        }
        System.err.println("=== " + line);
        Assumptions.abort(line);
        throw new AssertionError("unreachable");
    }

    /** The same broker and credentials, reached through {@code proxy}. */
    AmqpSettings viaProxy(CutProxy proxy) throws Exception {
        String env = System.getenv("CREMA_AMQP_URI");
        java.net.URI u = new java.net.URI(env == null || env.isBlank() ? AmqpSettings.DEFAULT_URI : env);
        java.net.URI via = new java.net.URI(u.getScheme(), u.getRawUserInfo() == null ? null : u.getUserInfo(),
                "127.0.0.1", proxy.port(), u.getPath(), null, null);
        return AmqpSettings.fromUri(via.toString()).withReconnectInterval(Duration.ofMillis(200));
    }

    /** A queue name unique to this run and test; deleted by {@link #close}. */
    String queue(String what) {
        String q = "crema.test." + RUN + "." + what + "." + queues.size();
        queues.add(q);
        return q;
    }

    long messageCount(String queue) throws Exception {
        try (Channel ch = admin.createChannel()) {
            return ch.queueDeclarePassive(queue).getMessageCount();
        }
    }

    /** {@return whether {@code queue} holds {@code n} messages now; {@code false} if the broker cannot say} */
    boolean hasMessages(String queue, long n) {
        try {
            return messageCount(queue) == n;
        } catch (Exception e) {
            return false;
        }
    }

    void deleteQueue(String queue) throws Exception {
        try (Channel ch = admin.createChannel()) {
            ch.queueDelete(queue);
        }
    }

    void declare(String queue) throws Exception {
        try (Channel ch = admin.createChannel()) {
            ch.queueDeclare(queue, false, false, false, null);
        }
    }

    void publishRaw(String queue, String contentType, byte[] body) throws Exception {
        try (Channel ch = admin.createChannel()) {
            ch.basicPublish("", queue, new com.rabbitmq.client.AMQP.BasicProperties.Builder().contentType(contentType).build(), body);
        }
    }

    @Override
    public void close() throws java.io.IOException {
        for (String q : queues) {
            try {
                deleteQueue(q);
            } catch (Exception ignored) {
                // already gone
            }
        }
        admin.close();
    }

    static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long park = 100_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + WAIT + " waiting until " + what);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(park);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting until " + what);
            }
            park = Math.min(park * 2, 20_000_000);
        }
    }
}
