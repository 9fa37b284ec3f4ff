package dev.crema.amqp.internal;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's connection to the broker and its own reconnect loop (the client's automatic recovery is off,
 * so that every component learns of an outage the same way and starts afresh on a new connection).
 *
 * <p><b>Concurrency.</b> The first connection is made by the thread that calls {@link #start}; after
 * that a single link thread owns the connection's life: it waits for the connection's shutdown (the
 * client calls the shutdown listener once its reading thread has finished, so no callback of the old
 * connection runs after {@link Member#linkDown}), calls {@code linkDown} on every member, then tries
 * again every {@code reconnectInterval} and calls {@code linkUp} on every member with the new connection.
 * {@code linkUp}/{@code linkDown} of all members, and {@link #add}, run under {@code lock}, so a member
 * added while the link changes sees exactly one of up or down. {@code connection} is volatile for the
 * readers of {@link #isUp}.
 */
public final class Link {

    private static final Logger LOG = LoggerFactory.getLogger("dev.crema.amqp.AmqpNode");

    /** A component that needs channels: told of every new connection and of every loss. */
    public interface Member {
        /**
         * Opens this member's channels on a new connection. Link thread or {@link Link#add}'s caller.
         *
         * @param connection the new connection
         * @throws IOException if the broker refused; the member stays down until the next connection
         */
        void linkUp(Connection connection) throws IOException;

        /** The connection is gone; its channels are dead. Link thread only. */
        void linkDown();
    }

    private final ConnectionFactory factory;
    private final String clientName;
    private final String broker;
    private final Duration interval;
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final AtomicLong outages = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Connection connection;
    private volatile CountDownLatch down;
    private volatile boolean closed;
    private Thread thread;

    /**
     * @param factory    the client's factory
     * @param clientName the connection name the broker shows
     * @param broker     the broker address for logs (no credentials)
     * @param interval   the pause between attempts
     */
    public Link(ConnectionFactory factory, String clientName, String broker, Duration interval) {
        this.factory = factory;
        this.clientName = clientName;
        this.broker = broker;
        this.interval = interval;
    }

    /**
     * Connects once, on the calling thread, then starts the link thread.
     *
     * @throws IOException if the broker cannot be reached or refuses the credentials
     */
    public void start() throws IOException {
        Connection c = open();
        synchronized (lock) {
            connection = c;
        }
        thread = new Thread(this::run, "crema-amqp-link-" + clientName);
        thread.setDaemon(true);
        thread.start();
    }

    private Connection open() throws IOException {
        Connection c;
        try {
            c = factory.newConnection(clientName);
        } catch (TimeoutException e) {
            throw new IOException("timed out connecting to " + broker, e);
        }
        CountDownLatch latch = new CountDownLatch(1);
        down = latch;
        c.addShutdownListener(cause -> latch.countDown());
        return c;
    }

    /**
     * Adds a member and, if the link is up, opens its channels now.
     *
     * @param m the member
     * @throws IOException if its {@code linkUp} failed; it is not added then
     */
    public void add(Member m) throws IOException {
        synchronized (lock) {
            Connection c = connection;
            if (c != null && c.isOpen()) {
                m.linkUp(c);
            }
            members.add(m);
        }
    }

    /** @param m a member to forget; its channels are its own to close */
    public void remove(Member m) {
        members.remove(m);
    }

    /** {@return whether a connection is open now} */
    public boolean isUp() {
        Connection c = connection;
        return c != null && c.isOpen();
    }

    /** {@return the open connection, or {@code null}} */
    public Connection connection() {
        Connection c = connection;
        return c != null && c.isOpen() ? c : null;
    }

    /** {@return how many times the connection was lost} */
    public long outages() {
        return outages.get();
    }

    private void run() {
        try {
            while (!closed) {
                awaitDown();
                if (closed) {
                    return;
                }
                outages.incrementAndGet();
                synchronized (lock) {
                    connection = null;
                    for (Member m : members) {
                        m.linkDown();
                    }
                }
                LOG.warn("lost the connection to {}; reconnecting every {}", broker, interval);
                reconnect();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    private void awaitDown() throws InterruptedException {
        CountDownLatch latch = down;
        while (!closed && !latch.await(100, TimeUnit.MILLISECONDS)) {
            // wake now and then to notice close()
        }
    }

    private void reconnect() throws InterruptedException {
        int attempts = 0;
        while (!closed) {
            Thread.sleep(interval.toMillis());
            if (closed) {
                return;
            }
            attempts++;
            Connection c;
            try {
                c = open();
            } catch (IOException | RuntimeException e) {
                if (attempts == 1 || attempts % 30 == 0) {
                    LOG.warn("cannot reach {} yet ({} attempts): {}", broker, attempts, e.toString());
                }
                continue;
            }
            synchronized (lock) {
                connection = c;
                for (Member m : members) {
                    try {
                        m.linkUp(c);
                    } catch (IOException | RuntimeException e) {
                        LOG.error("after reconnecting to {}: {} could not reopen its channels", broker, m, e);
                    }
                }
            }
            LOG.info("reconnected to {} after {} attempts", broker, attempts);
            return;
        }
    }

    /**
     * Stops reconnecting and closes the connection.
     *
     * @param budget how long the close handshake may take
     */
    public void close(Duration budget) {
        closed = true;
        Connection c = connection;
        if (c != null) {
            try {
                c.close((int) Math.max(1, Math.min(Integer.MAX_VALUE, budget.toMillis())));
            } catch (IOException | RuntimeException e) {
                c.abort();
            }
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                stopped.await(budget.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "Link[" + broker + (isUp() ? ", up" : ", down") + "]";
    }
}
