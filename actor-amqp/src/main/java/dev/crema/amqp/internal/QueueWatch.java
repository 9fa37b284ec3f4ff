package dev.crema.amqp.internal;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.crema.actor.Addr;
import dev.crema.actor.Terminated;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Death watch of remote addresses: every {@code interval}, each watched queue is declared passively; a
 * 404 (the queue no longer exists) completes the watchers' futures. While the link is down nothing is
 * checked (the broker cannot be asked), so a queue deleted during an outage is noticed after it.
 *
 * <p>Thread-safe: the watch map is concurrent; the check runs on the node's scheduler, one at a time;
 * {@code connection} is volatile (set by the link thread).
 */
public final class QueueWatch implements Link.Member {

    private final Map<Addr<?>, CompletableFuture<Terminated>> watched = new ConcurrentHashMap<>();
    private final Map<Addr<?>, String> queues = new ConcurrentHashMap<>();
    private volatile Connection connection;
    private Channel channel; // scheduler thread only

    /**
     * @param scheduler runs the checks
     * @param interval  how often
     */
    public QueueWatch(ScheduledExecutorService scheduler, Duration interval) {
        long ms = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * @param addr  the remote address
     * @param queue its queue
     * @return the future notice, the same one for the same address
     */
    public CompletableFuture<Terminated> watch(Addr<?> addr, String queue) {
        queues.putIfAbsent(addr, queue);
        return watched.computeIfAbsent(addr, a -> new CompletableFuture<>());
    }

    @Override
    public void linkUp(Connection c) {
        connection = c;
    }

    @Override
    public void linkDown() {
        connection = null;
    }

    private void check() {
        if (watched.isEmpty()) {
            return;
        }
        Map<String, Boolean> alive = new java.util.HashMap<>();
        for (Map.Entry<Addr<?>, CompletableFuture<Terminated>> e : watched.entrySet()) {
            String q = queues.get(e.getKey());
            Boolean exists = alive.computeIfAbsent(q, this::exists);
            if (exists != null && !exists) {
                watched.remove(e.getKey());
                queues.remove(e.getKey());
                e.getValue().complete(new Terminated(e.getKey(), null));
            }
        }
    }

    /** {@return true, false (404), or {@code null} when it cannot tell (no connection, other errors)} */
    private Boolean exists(String queue) {
        Connection c = connection;
        if (c == null || !c.isOpen()) {
            return null;
        }
        try {
            if (channel == null || !channel.isOpen()) {
                channel = c.createChannel();
            }
            channel.queueDeclarePassive(queue);
            return true;
        } catch (IOException e) {
            return e.getCause() instanceof ShutdownSignalException s && s.getReason() instanceof com.rabbitmq.client.AMQP.Channel.Close close
                    && close.getReplyCode() == 404 ? Boolean.FALSE : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@return addresses watched and not yet terminated} */
    public int size() {
        return watched.size();
    }
}
