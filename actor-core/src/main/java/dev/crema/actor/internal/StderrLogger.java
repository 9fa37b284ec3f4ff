package dev.crema.actor.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Where Crema's WARN and ERROR events go when the application has no SLF4J provider on its class path
 * (SLF4J would discard them: an actor could fail and restart forever without a word). Each event is one line
 * on standard error, {@code 2026-12-01T20:36:19.123Z WARN  [thread] logger - message}, followed by the stack
 * trace of its exception, if any. Lines are rate-limited ({@value #LINES_PER_SECOND} a second; the next line
 * after a pause says how many were dropped). The first line ever says how to plug in a real backend. With a
 * provider present this class is not used at all.
 *
 * <p>Thread-safe: the rate limit is a one-second window of atomics (races only move a line across a window
 * boundary), and each event is written with a single {@code print} of the whole text.
 */
final class StderrLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;
    static final int LINES_PER_SECOND = 20;
    private static final long WINDOW_NANOS = 1_000_000_000L;
    private static final AtomicBoolean ADVISED = new AtomicBoolean();
    private static final AtomicLong WINDOW = new AtomicLong(System.nanoTime());
    private static final AtomicLong LINES = new AtomicLong();
    private static final AtomicLong DROPPED = new AtomicLong();

    /** Where the lines go; standard error, replaceable by tests in the same JVM. */
    static volatile PrintStream out = System.err;

    private StderrLogger(String name) {
        this.name = name;
    }

    /**
     * The logger to use for {@code name}: SLF4J's own, unless SLF4J found no provider.
     *
     * @param name the logger's name
     * @return the logger
     */
    static Logger forName(String name) {
        Logger real = LoggerFactory.getLogger(name);
        return LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory ? new StderrLogger(name) : real;
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public boolean isInfoEnabled() {
        return false;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                               Throwable throwable) {
        if (!admit()) {
            return;
        }
        StringBuilder sb = new StringBuilder(256);
        if (ADVISED.compareAndSet(false, true)) {
            sb.append("Crema: no SLF4J provider was found, so Crema writes its WARN and ERROR events here. To route "
                    + "them (and to see INFO), add an SLF4J 2 backend to the class path, e.g. "
                    + "org.slf4j:slf4j-simple or ch.qos.logback:logback-classic.").append(System.lineSeparator());
        }
        long dropped = DROPPED.getAndSet(0);
        if (dropped > 0) {
            sb.append("Crema: ").append(dropped).append(" more events were not written (over ").append(LINES_PER_SECOND)
                    .append(" a second)").append(System.lineSeparator());
        }
        sb.append(Instant.now()).append(' ').append(String.format("%-5s", level)).append(" [")
                .append(Thread.currentThread().getName()).append("] ").append(name).append(" - ")
                .append(MessageFormatter.basicArrayFormat(pattern, args)).append(System.lineSeparator());
        if (throwable != null) {
            StringWriter trace = new StringWriter();
            throwable.printStackTrace(new PrintWriter(trace));
            sb.append(trace);
        }
        out.print(sb);
        out.flush();
    }

    private static boolean admit() {
        long now = System.nanoTime();
        long start = WINDOW.get();
        if (now - start >= WINDOW_NANOS && WINDOW.compareAndSet(start, now)) {
            LINES.set(0);
        }
        if (LINES.incrementAndGet() <= LINES_PER_SECOND) {
            return true;
        }
        DROPPED.incrementAndGet();
        return false;
    }
}
