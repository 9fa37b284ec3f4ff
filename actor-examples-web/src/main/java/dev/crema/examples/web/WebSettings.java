package dev.crema.examples.web;

import java.time.Duration;

/**
 * The live server's limits: where it listens, how often it pushes the shop's state, and what a session may
 * cost. Immutable and thread-safe; {@code withX} returns a copy.
 *
 * @param port              TCP port; 0 picks a free one
 * @param tick              how often the broadcaster pushes the state to every session (default 200 ms)
 * @param slowLimit         how long one frame may wait to be sent before its session is closed as too slow
 *                          (default 5 s)
 * @param closeGrace        how long a closing session may take for its close handshake before it is
 *                          disconnected (default 3 s)
 * @param maxCommandBytes   the largest client frame answered as a command (default 1 KiB); larger ones get an
 *                          error frame
 * @param maxFrameBytes     the largest client message Jetty accepts at all (default 64 KiB); above it Jetty
 *                          closes the session with 1009, without buffering it
 * @param commandsPerSecond a session's sustained command rate (default 10 a second)
 * @param commandBurst      how many commands a session may send at once after a quiet spell (default 20)
 * @param replyBound        answers (acks, errors) a session holds while a frame is in flight (default 16);
 *                          beyond it they are dropped and counted
 * @param sendBufferBytes   the accepted sockets' send buffer, or 0 for the operating system's default (tests
 *                          make it small so that a slow reader backs up quickly)
 */
public record WebSettings(int port, Duration tick, Duration slowLimit, Duration closeGrace, int maxCommandBytes,
                          int maxFrameBytes, int commandsPerSecond, int commandBurst, int replyBound,
                          int sendBufferBytes) {

    /** Checks the ranges. */
    public WebSettings {
        require(port >= 0 && port <= 65535, "port must be from 0 to 65535, got " + port);
        require(positive(tick), "tick must be positive, got " + tick);
        require(positive(slowLimit), "slow limit must be positive, got " + slowLimit);
        require(positive(closeGrace), "close grace must be positive, got " + closeGrace);
        require(maxCommandBytes > 0 && maxCommandBytes <= maxFrameBytes,
                "max command bytes must be from 1 to max frame bytes (" + maxFrameBytes + "), got " + maxCommandBytes);
        require(commandsPerSecond > 0 && commandBurst > 0, "the command rate and burst must be positive");
        require(replyBound > 0, "reply bound must be positive, got " + replyBound);
        require(sendBufferBytes >= 0, "send buffer must not be negative, got " + sendBufferBytes);
    }

    /** {@return the defaults, on port 8080} */
    public static WebSettings defaults() {
        return new WebSettings(8080, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(3), 1024,
                64 * 1024, 10, 20, 16, 0);
    }

    /** {@return a copy on {@code newPort}} */
    public WebSettings withPort(int newPort) {
        return new WebSettings(newPort, tick, slowLimit, closeGrace, maxCommandBytes, maxFrameBytes, commandsPerSecond,
                commandBurst, replyBound, sendBufferBytes);
    }

    /** {@return a copy that pushes the state every {@code newTick}} */
    public WebSettings withTick(Duration newTick) {
        return new WebSettings(port, newTick, slowLimit, closeGrace, maxCommandBytes, maxFrameBytes, commandsPerSecond,
                commandBurst, replyBound, sendBufferBytes);
    }

    /** {@return a copy that closes a session whose frame waited {@code limit} to be sent} */
    public WebSettings withSlowLimit(Duration limit) {
        return new WebSettings(port, tick, limit, closeGrace, maxCommandBytes, maxFrameBytes, commandsPerSecond,
                commandBurst, replyBound, sendBufferBytes);
    }

    /** {@return a copy with {@code perSecond} commands a second, {@code burst} at once} */
    public WebSettings withCommandRate(int perSecond, int burst) {
        return new WebSettings(port, tick, slowLimit, closeGrace, maxCommandBytes, maxFrameBytes, perSecond, burst,
                replyBound, sendBufferBytes);
    }

    /** {@return a copy whose accepted sockets have a send buffer of {@code bytes}} */
    public WebSettings withSendBufferBytes(int bytes) {
        return new WebSettings(port, tick, slowLimit, closeGrace, maxCommandBytes, maxFrameBytes, commandsPerSecond,
                commandBurst, replyBound, bytes);
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
