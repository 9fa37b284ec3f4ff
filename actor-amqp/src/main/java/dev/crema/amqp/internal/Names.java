package dev.crema.amqp.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/** Argument checks and the spelling of broker addresses and paths. Stateless. */
public final class Names {

    /** The longest queue name AMQP 0-9-1 allows (a short string). */
    public static final int MAX_QUEUE_NAME = 255;

    private Names() {
    }

    /**
     * Checks a queue name: 1 to 255 characters, letters, digits and {@code . _ - :}, not starting with
     * {@code amq.} (reserved by the broker).
     *
     * @param queue the name
     * @return the name
     * @throws NullPointerException     if {@code queue} is {@code null}
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static String queue(String queue) {
        Objects.requireNonNull(queue, "queue name must not be null");
        if (queue.isEmpty()) {
            throw new IllegalArgumentException("queue name must not be empty");
        }
        if (queue.length() > MAX_QUEUE_NAME) {
            throw new IllegalArgumentException("queue name must be at most " + MAX_QUEUE_NAME + " characters, got "
                    + queue.length());
        }
        if (queue.startsWith("amq.")) {
            throw new IllegalArgumentException("queue name '" + queue + "' starts with 'amq.', which the broker reserves");
        }
        for (int i = 0; i < queue.length(); i++) {
            char c = queue.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || c == ':';
            if (!ok) {
                throw new IllegalArgumentException("queue name '" + queue + "' has '" + c + "' at index " + i
                        + "; allowed are letters, digits and . _ - :");
            }
        }
        return queue;
    }

    /**
     * @param what  the setting's name, for the message
     * @param value the value
     * @param min   the least allowed
     * @param max   the most allowed
     * @return the value
     * @throws IllegalArgumentException if out of range
     */
    public static int requireRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /**
     * @param what the setting's name
     * @param d    the duration
     * @return {@code d}
     * @throws NullPointerException     if {@code d} is {@code null}
     * @throws IllegalArgumentException if it is not positive
     */
    public static Duration positive(String what, Duration d) {
        Objects.requireNonNull(d, what + " must not be null");
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
        return d;
    }

    /**
     * The broker part of paths: {@code amqp://host:port/} for the default vhost, {@code amqp://host:port/vh/}
     * otherwise (percent-encoded). Never credentials.
     *
     * @param tls   whether TLS is used
     * @param host  the host
     * @param port  the port
     * @param vhost the virtual host
     * @return the broker address
     */
    public static String broker(boolean tls, String host, int port, String vhost) {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        String v = "/".equals(vhost) ? "" : URLEncoder.encode(vhost, StandardCharsets.UTF_8) + "/";
        return (tls ? "amqps://" : "amqp://") + h + ":" + port + "/" + v;
    }

    /**
     * A URI with its user-info cut out, for error messages: {@code amqp://u:p@h/} becomes {@code amqp://h/}.
     *
     * @param uri the URI as given
     * @return the URI without credentials
     */
    public static String withoutCredentials(String uri) {
        int scheme = uri.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = uri.indexOf('/', start);
        int at = uri.lastIndexOf('@', end < 0 ? uri.length() - 1 : end);
        return at >= start ? uri.substring(0, start) + uri.substring(at + 1) : uri;
    }
}
