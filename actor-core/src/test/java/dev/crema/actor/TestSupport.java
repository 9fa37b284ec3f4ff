package dev.crema.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Shared helpers for the conformance suite. Every wait is bounded; no helper sleeps and then asserts.
 */
final class TestSupport {

    /** Upper bound for anything that should happen "soon"; only ever reached when a test fails. */
    static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * Options for actors whose handler blocks (the gate pattern of many tests): the blocking dispatcher,
     * as the Dispatcher docs ask, so that a blocked handler never starves the default pool, whatever the
     * number of cores of the machine running the suite.
     */
    static final SpawnOptions BLOCKS = SpawnOptions.defaults().withDispatcher(Dispatcher.BLOCKING);

    /** Deadline for the per-test shutdown in {@code @AfterEach}. */
    static final Duration SHUTDOWN = Duration.ofSeconds(3);

    private TestSupport() {
    }

    /** A system with a test-friendly close deadline. */
    static ActorSystem newSystem(String name) {
        return ActorSystem.create(name, SystemConfig.defaults().withShutdownTimeout(SHUTDOWN));
    }

    static ActorSystem newSystem(String name, SystemConfig config) {
        return ActorSystem.create(name, config.withShutdownTimeout(SHUTDOWN));
    }

    /**
     * Polls {@code condition} until it holds or {@code timeout} passes; fails the test (naming
     * {@code what}) if it never held. Sleeps only between polls, never before asserting.
     */
    static void awaitUntil(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long park = 100_000; // 0.1 ms, doubling to 10 ms
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + timeout + " waiting until " + what);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(park);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting until " + what);
            }
            park = Math.min(park * 2, 10_000_000);
        }
    }

    static void awaitUntil(String what, BooleanSupplier condition) {
        awaitUntil(what, condition, WAIT);
    }

    /** Awaits a latch within {@link #WAIT} and asserts that it opened. */
    static void await(CountDownLatch latch, String what) {
        try {
            assertThat(latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("waiting for " + what + " (count left " + latch.getCount() + ")").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted waiting for " + what);
        }
    }

    /** Gets a future within {@link #WAIT}. */
    static <T> T get(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Awaits the actor's termination (via the public death watch) and returns the notice. */
    static Terminated awaitTerminated(ActorSystem system, Addr<?> actor) throws Exception {
        return get(system.whenTerminated(actor));
    }

    /**
     * A latch for use inside handlers: blocks the actor's thread until the test opens it, bounded so a
     * failing test cannot hang the suite. Returns normally even if the wait is interrupted.
     */
    static boolean block(CountDownLatch gate) {
        try {
            return gate.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ------------------------------------------------------------------ dead letters

    /** Records every dead letter of a system from the moment it is created. */
    static final class DeadLetterRecorder implements AutoCloseable {
        final ConcurrentLinkedQueue<DeadLetter> letters = new ConcurrentLinkedQueue<>();
        private final EnumMap<DeadLetterReason, AtomicLong> counts = new EnumMap<>(DeadLetterReason.class);
        private final DeadLetters.Subscription subscription;

        DeadLetterRecorder(ActorSystem system) {
            for (DeadLetterReason r : DeadLetterReason.values()) {
                counts.put(r, new AtomicLong());
            }
            subscription = system.deadLetters().subscribe(dl -> {
                counts.get(dl.reason()).incrementAndGet();
                letters.add(dl);
            });
        }

        long count(DeadLetterReason reason) {
            return counts.get(reason).get();
        }

        long total() {
            return counts.values().stream().mapToLong(AtomicLong::get).sum();
        }

        Map<DeadLetterReason, Long> counts() {
            Map<DeadLetterReason, Long> out = new EnumMap<>(DeadLetterReason.class);
            counts.forEach((r, c) -> out.put(r, c.get()));
            return out;
        }

        List<DeadLetter> matching(Predicate<DeadLetter> p) {
            List<DeadLetter> out = new ArrayList<>();
            for (DeadLetter dl : letters) {
                if (p.test(dl)) {
                    out.add(dl);
                }
            }
            return out;
        }

        List<Object> messages(DeadLetterReason reason) {
            List<Object> out = new ArrayList<>();
            for (DeadLetter dl : letters) {
                if (dl.reason() == reason) {
                    out.add(dl.message());
                }
            }
            return out;
        }

        @Override
        public void close() {
            subscription.close();
        }
    }

    // ------------------------------------------------------------------ runtime probe (leak checks)

    /**
     * Leak counters of the (unexported) runtime, reached by reflection because the tests live in the
     * API package. Kept in one place so that a rename in the runtime breaks only this helper.
     */
    static final class RuntimeProbe {
        private final Object runtime;

        RuntimeProbe(ActorSystem system) {
            try {
                Field f = ActorSystem.class.getDeclaredField("runtime");
                f.setAccessible(true);
                runtime = f.get(system);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot reach the runtime of " + system, e);
            }
        }

        private long call(String method) {
            try {
                Method m = runtime.getClass().getMethod(method);
                return ((Number) m.invoke(runtime)).longValue();
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot call SystemRuntime." + method + "()", e);
            }
        }

        /** Live actors, the root guardian included. */
        long liveActors() {
            return call("liveActors");
        }

        long registrySize() {
            return call("registrySize");
        }

        long pendingTimers() {
            return call("pendingTimers");
        }
    }

    // ------------------------------------------------------------------ log capture

    /**
     * Captures log events of every thread while open, through a logback appender on the root logger (the
     * test binding). Each event becomes one line {@code "[thread] LEVEL logger actor=<mdc> - message"},
     * followed by the exception's {@code toString()} and stack lines when there is one, so tests can
     * match levels, text, causes and the actor path in the MDC.
     */
    static final class LogCapture implements AutoCloseable {
        private final ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final List<String> lines = new ArrayList<>();
        private final ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.AppenderBase<>() {
                    @Override
                    protected void append(ch.qos.logback.classic.spi.ILoggingEvent e) {
                        StringBuilder sb = new StringBuilder()
                                .append('[').append(e.getThreadName()).append("] ")
                                .append(e.getLevel()).append(' ').append(e.getLoggerName())
                                .append(" actor=").append(e.getMDCPropertyMap().getOrDefault("actor", ""))
                                .append(" - ").append(e.getFormattedMessage());
                        for (var t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                            sb.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
                            for (var frame : t.getStackTraceElementProxyArray()) {
                                sb.append("\n\t").append(frame.getSTEAsString());
                            }
                        }
                        synchronized (lines) {
                            lines.add(sb.toString());
                        }
                    }
                };

        LogCapture() {
            appender.setContext(root.getLoggerContext());
            appender.start();
            root.addAppender(appender);
        }

        String text() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }

        List<String> lines(Predicate<String> p) {
            List<String> out = new ArrayList<>();
            for (String line : text().split("\\R")) {
                if (p.test(line)) {
                    out.add(line);
                }
            }
            return out;
        }

        @Override
        public void close() {
            root.detachAppender(appender);
            appender.stop();
        }
    }
}
