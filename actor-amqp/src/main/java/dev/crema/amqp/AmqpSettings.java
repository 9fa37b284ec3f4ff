package dev.crema.amqp;

import com.rabbitmq.client.ConnectionFactory;
import dev.crema.amqp.internal.Names;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How an {@link AmqpNode} reaches its broker and how it bounds what it holds. Immutable; every
 * {@code withX} returns a copy.
 *
 * <pre>{@code
 * AmqpSettings settings = AmqpSettings.fromUri(System.getenv("CREMA_AMQP_URI"))   // amqp://user:pass@host:5672/vhost
 *         .withPublishWindow(512)
 *         .withReconnectInterval(Duration.ofSeconds(2));
 * }</pre>
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>what it bounds</th></tr>
 *   <tr><td>{@link #withPublishWindow publishWindow}</td><td>512</td><td>publishes accepted and not yet
 *       confirmed by the broker, buffered ones included: beyond it {@code trySend} says {@code FULL}</td></tr>
 *   <tr><td>{@link #withPublishTimeout publishTimeout}</td><td>30 s</td><td>how long a publish accepted while
 *       the broker is unreachable waits for the connection to return before it is dead-lettered
 *       {@code CONNECTION_LOST}</td></tr>
 *   <tr><td>{@link #withReconnectInterval reconnectInterval}</td><td>2 s</td><td>the pause between
 *       reconnection attempts</td></tr>
 *   <tr><td>{@link #withConnectTimeout connectTimeout}</td><td>5 s</td><td>one TCP + AMQP handshake</td></tr>
 *   <tr><td>{@link #withHeartbeat heartbeat}</td><td>10 s</td><td>how soon a silent broker counts as gone</td></tr>
 *   <tr><td>{@link #withNodePrefetch nodePrefetch}</td><td>256</td><td>unacknowledged messages on the node's own
 *       queue (replies, messages to exported actors)</td></tr>
 *   <tr><td>{@link #withWatchInterval watchInterval}</td><td>1 s</td><td>how often watched remote queues are
 *       checked</td></tr>
 *   <tr><td>{@link #withTemporaryExportExpiry temporaryExportExpiry}</td><td>5 min</td><td>how long a one-shot
 *       local handle sent inside a message stays reachable</td></tr>
 *   <tr><td>{@link #withPersistentMessages persistentMessages}</td><td>true</td><td>delivery mode 2: messages
 *       in a durable queue survive a broker restart</td></tr>
 * </table>
 *
 * <p><b>Credentials</b> come from the URI or {@link #withCredentials}; they are never logged, and
 * {@link #toString()} and every path leave them out. <b>TLS</b>: an {@code amqps} URI uses the JVM's default
 * {@link SSLContext} (its trust store verifies the broker's certificate) with host-name verification;
 * {@link #withTls(SSLContext)} gives your own, through the client's own {@code useSslProtocol}.
 *
 * <p>Immutable and thread-safe.
 */
public final class AmqpSettings {

    /** The URI the tests and examples use when {@code CREMA_AMQP_URI} is not set. */
    public static final String DEFAULT_URI = "amqp://guest:guest@127.0.0.1:5672/";

    private final String host;
    private final int port;
    private final String virtualHost;
    private final String username;
    private final String password;
    private final boolean tls;
    private final SSLContext sslContext;
    private final int publishWindow;
    private final Duration publishTimeout;
    private final Duration reconnectInterval;
    private final Duration connectTimeout;
    private final Duration heartbeat;
    private final int nodePrefetch;
    private final Duration watchInterval;
    private final Duration temporaryExportExpiry;
    private final boolean persistentMessages;

    private AmqpSettings(String host, int port, String virtualHost, String username, String password, boolean tls,
                         SSLContext sslContext, int publishWindow, Duration publishTimeout, Duration reconnectInterval,
                         Duration connectTimeout, Duration heartbeat, int nodePrefetch, Duration watchInterval,
                         Duration temporaryExportExpiry, boolean persistentMessages) {
        this.host = host;
        this.port = port;
        this.virtualHost = virtualHost;
        this.username = username;
        this.password = password;
        this.tls = tls;
        this.sslContext = sslContext;
        this.publishWindow = publishWindow;
        this.publishTimeout = publishTimeout;
        this.reconnectInterval = reconnectInterval;
        this.connectTimeout = connectTimeout;
        this.heartbeat = heartbeat;
        this.nodePrefetch = nodePrefetch;
        this.watchInterval = watchInterval;
        this.temporaryExportExpiry = temporaryExportExpiry;
        this.persistentMessages = persistentMessages;
    }

    /**
     * Settings from an AMQP URI, {@code amqp://user:password@host:port/vhost} or {@code amqps://...}
     * (user-info percent-encoded; a missing or empty vhost is {@code /}).
     *
     * @param uri the URI
     * @return the settings with every other value at its default
     * @throws NullPointerException     if {@code uri} is {@code null}
     * @throws IllegalArgumentException if it is not an {@code amqp} or {@code amqps} URI with a host (the
     *                                  message shows the URI without its credentials)
     */
    public static AmqpSettings fromUri(String uri) {
        Objects.requireNonNull(uri, "AMQP URI must not be null");
        URI parsed;
        try {
            parsed = new URI(uri.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed AMQP URI " + Names.withoutCredentials(uri) + ": "
                    + e.getReason(), null);
        }
        String scheme = parsed.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("amqp") || scheme.equalsIgnoreCase("amqps"))) {
            throw new IllegalArgumentException("AMQP URI " + Names.withoutCredentials(uri)
                    + " must start with amqp:// or amqps://");
        }
        if (parsed.getHost() == null || parsed.getHost().isEmpty()) {
            throw new IllegalArgumentException("AMQP URI " + Names.withoutCredentials(uri) + " names no host");
        }
        ConnectionFactory probe = new ConnectionFactory();
        try {
            probe.setUri(parsed); // the client's own parsing: percent-decoding, default ports, vhost
        } catch (Exception e) {
            throw new IllegalArgumentException("AMQP URI " + Names.withoutCredentials(uri) + " is not valid: "
                    + e.getClass().getSimpleName(), null);
        }
        boolean tls = scheme.equalsIgnoreCase("amqps");
        // the AMQP URI spec reads "amqp://host/" as the empty vhost, which no broker has: take it as "/"
        String vhost = probe.getVirtualHost().isEmpty() ? "/" : probe.getVirtualHost();
        return new AmqpSettings(probe.getHost(), probe.getPort(), vhost, probe.getUsername(),
                probe.getPassword(), tls, null, 512, Duration.ofSeconds(30), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(10), 256, Duration.ofSeconds(1), Duration.ofMinutes(5), true);
    }

    /**
     * Settings for a broker on this machine: {@link #DEFAULT_URI}, or the URI in the environment variable
     * {@code CREMA_AMQP_URI} when it is set.
     *
     * @return the settings
     * @throws IllegalArgumentException if {@code CREMA_AMQP_URI} is set and malformed
     */
    public static AmqpSettings fromEnvironment() {
        String env = System.getenv("CREMA_AMQP_URI");
        return fromUri(env == null || env.isBlank() ? DEFAULT_URI : env);
    }

    private AmqpSettings copy(String username, String password, boolean tls, SSLContext ssl, int window,
                              Duration publishTimeout, Duration reconnect, Duration connect, Duration heartbeat,
                              int nodePrefetch, Duration watch, Duration tempExpiry, boolean persistent) {
        return new AmqpSettings(host, port, virtualHost, username, password, tls, ssl, window, publishTimeout,
                reconnect, connect, heartbeat, nodePrefetch, watch, tempExpiry, persistent);
    }

    /**
     * A copy with the credentials changed.
     *
     * @param username the user name
     * @param password the password; kept in memory only, never printed
     * @return a copy with these credentials
     * @throws NullPointerException if an argument is {@code null}
     */
    public AmqpSettings withCredentials(String username, String password) {
        Objects.requireNonNull(username, "username must not be null");
        Objects.requireNonNull(password, "password must not be null");
        return copy(username, password, tls, sslContext, publishWindow, publishTimeout, reconnectInterval,
                connectTimeout, heartbeat, nodePrefetch, watchInterval, temporaryExportExpiry, persistentMessages);
    }

    /**
     * TLS with your own context (trust store, client certificate), through the client's
     * {@code ConnectionFactory.useSslProtocol(SSLContext)}; host names are verified.
     *
     * @param context the SSL context
     * @return a copy that connects with TLS
     * @throws NullPointerException if {@code context} is {@code null}
     */
    public AmqpSettings withTls(SSLContext context) {
        Objects.requireNonNull(context, "SSL context must not be null");
        return copy(username, password, true, context, publishWindow, publishTimeout, reconnectInterval,
                connectTimeout, heartbeat, nodePrefetch, watchInterval, temporaryExportExpiry, persistentMessages);
    }

    /**
     * A copy with the publish window changed.
     *
     * @param window publishes accepted and not yet confirmed, at most; 1 to 65 536
     * @return a copy
     * @throws IllegalArgumentException if out of range
     */
    public AmqpSettings withPublishWindow(int window) {
        Names.requireRange("publish window", window, 1, 65_536);
        return copy(username, password, tls, sslContext, window, publishTimeout, reconnectInterval,
                connectTimeout, heartbeat, nodePrefetch, watchInterval, temporaryExportExpiry, persistentMessages);
    }

    /**
     * A copy with the publish timeout changed.
     *
     * @param timeout how long a publish waits for a lost connection to return, positive
     * @return a copy
     * @throws NullPointerException     if {@code timeout} is {@code null}
     * @throws IllegalArgumentException if it is not positive
     */
    public AmqpSettings withPublishTimeout(Duration timeout) {
        return copy(username, password, tls, sslContext, publishWindow, Names.positive("publish timeout", timeout),
                reconnectInterval, connectTimeout, heartbeat, nodePrefetch, watchInterval, temporaryExportExpiry,
                persistentMessages);
    }

    /**
     * A copy with the reconnect interval changed.
     *
     * @param interval the pause between reconnection attempts, positive
     * @return a copy
     * @throws NullPointerException     if {@code interval} is {@code null}
     * @throws IllegalArgumentException if it is not positive
     */
    public AmqpSettings withReconnectInterval(Duration interval) {
        return copy(username, password, tls, sslContext, publishWindow, publishTimeout,
                Names.positive("reconnect interval", interval), connectTimeout, heartbeat, nodePrefetch,
                watchInterval, temporaryExportExpiry, persistentMessages);
    }

    /**
     * A copy with the connect timeout changed.
     *
     * @param timeout the limit for one connection attempt, positive
     * @return a copy
     * @throws NullPointerException     if {@code timeout} is {@code null}
     * @throws IllegalArgumentException if it is not positive
     */
    public AmqpSettings withConnectTimeout(Duration timeout) {
        return copy(username, password, tls, sslContext, publishWindow, publishTimeout, reconnectInterval,
                Names.positive("connect timeout", timeout), heartbeat, nodePrefetch, watchInterval,
                temporaryExportExpiry, persistentMessages);
    }

    /**
     * A copy with the heartbeat changed.
     *
     * @param heartbeat the AMQP heartbeat, at least one second
     * @return a copy
     * @throws NullPointerException     if {@code heartbeat} is {@code null}
     * @throws IllegalArgumentException if it is shorter than a second
     */
    public AmqpSettings withHeartbeat(Duration heartbeat) {
        if (Names.positive("heartbeat", heartbeat).getSeconds() < 1) {
            throw new IllegalArgumentException("heartbeat must be at least 1 second, got " + heartbeat);
        }
        return copy(username, password, tls, sslContext, publishWindow, publishTimeout, reconnectInterval,
                connectTimeout, heartbeat, nodePrefetch, watchInterval, temporaryExportExpiry, persistentMessages);
    }

    /**
     * A copy with the node prefetch changed.
     *
     * @param prefetch unacknowledged messages on the node's own queue, 1 to 65 535
     * @return a copy
     * @throws IllegalArgumentException if out of range
     */
    public AmqpSettings withNodePrefetch(int prefetch) {
        Names.requireRange("node prefetch", prefetch, 1, 65_535);
        return copy(username, password, tls, sslContext, publishWindow, publishTimeout, reconnectInterval,
                connectTimeout, heartbeat, prefetch, watchInterval, temporaryExportExpiry, persistentMessages);
    }

    /**
     * A copy with the watch interval changed.
     *
     * @param interval how often watched remote queues are checked, positive
     * @return a copy
     * @throws NullPointerException     if {@code interval} is {@code null}
     * @throws IllegalArgumentException if it is not positive
     */
    public AmqpSettings withWatchInterval(Duration interval) {
        return copy(username, password, tls, sslContext, publishWindow, publishTimeout, reconnectInterval,
                connectTimeout, heartbeat, nodePrefetch, Names.positive("watch interval", interval),
                temporaryExportExpiry, persistentMessages);
    }

    /**
     * A copy with the temporary export expiry changed.
     *
     * @param expiry how long a one-shot local handle sent inside a message stays reachable, positive
     * @return a copy
     * @throws NullPointerException     if {@code expiry} is {@code null}
     * @throws IllegalArgumentException if it is not positive
     */
    public AmqpSettings withTemporaryExportExpiry(Duration expiry) {
        return copy(username, password, tls, sslContext, publishWindow, publishTimeout, reconnectInterval,
                connectTimeout, heartbeat, nodePrefetch, watchInterval, Names.positive("temporary export expiry", expiry),
                persistentMessages);
    }

    /**
     * A copy with the persistent messages changed.
     *
     * @param persistent whether messages are published with delivery mode 2 (persistent)
     * @return a copy
     */
    public AmqpSettings withPersistentMessages(boolean persistent) {
        return copy(username, password, tls, sslContext, publishWindow, publishTimeout, reconnectInterval,
                connectTimeout, heartbeat, nodePrefetch, watchInterval, temporaryExportExpiry, persistent);
    }

    /**
     * A new client {@link ConnectionFactory} for these settings, credentials and TLS included, with the
     * client's own automatic recovery off (the node runs its own reconnect loop).
     *
     * @return the factory
     * @throws IllegalStateException if TLS is on and the JVM has no default SSL context
     */
    public ConnectionFactory newConnectionFactory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(host);
        f.setPort(port);
        f.setVirtualHost(virtualHost);
        f.setUsername(username);
        f.setPassword(password);
        f.setAutomaticRecoveryEnabled(false);
        f.setTopologyRecoveryEnabled(false);
        f.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        f.setHandshakeTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
        f.setRequestedHeartbeat((int) Math.min(Integer.MAX_VALUE, heartbeat.getSeconds()));
        if (tls) {
            try {
                f.useSslProtocol(sslContext != null ? sslContext : SSLContext.getDefault());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("TLS requested but the JVM has no default SSL context", e);
            }
            f.enableHostnameVerification();
        }
        return f;
    }

    /** {@return the broker host} */
    public String host() {
        return host;
    }

    /** {@return the broker port} */
    public int port() {
        return port;
    }

    /** {@return the virtual host} */
    public String virtualHost() {
        return virtualHost;
    }

    /** {@return whether TLS is used} */
    public boolean tls() {
        return tls;
    }

    /** {@return the publish window} */
    public int publishWindow() {
        return publishWindow;
    }

    /** {@return the publish timeout while disconnected} */
    public Duration publishTimeout() {
        return publishTimeout;
    }

    /** {@return the pause between reconnection attempts} */
    public Duration reconnectInterval() {
        return reconnectInterval;
    }

    /** {@return the limit for one connection attempt} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** {@return the AMQP heartbeat} */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** {@return the prefetch of the node's own queue} */
    public int nodePrefetch() {
        return nodePrefetch;
    }

    /** {@return how often watched queues are checked} */
    public Duration watchInterval() {
        return watchInterval;
    }

    /** {@return how long a one-shot handle stays exported} */
    public Duration temporaryExportExpiry() {
        return temporaryExportExpiry;
    }

    /** {@return whether messages are persistent} */
    public boolean persistentMessages() {
        return persistentMessages;
    }

    /** {@return the broker's address as in paths, e.g. {@code amqp://127.0.0.1:5672/}: no credentials} */
    public String brokerAddress() {
        return Names.broker(tls, host, port, virtualHost);
    }

    @Override
    public String toString() {
        return "AmqpSettings[" + brokerAddress() + ", window " + publishWindow + ", publish timeout "
                + publishTimeout + ", reconnect every " + reconnectInterval + ", persistent " + persistentMessages + "]";
    }
}
