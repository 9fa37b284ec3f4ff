package dev.crema.actor.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.ActorFactory;
import dev.crema.actor.Addr;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A scriptable worker for supervision tests: records every lifecycle event of every instance in one
 * ordered log ("a:start", "a:postStop", "a:preRestart:boom", ...), fails on command, stops itself on
 * command, and counts handled messages.
 */
final class Probe {

    sealed interface Cmd permits Crash, Exit, Ping, Block, Work {}

    record Crash(String why) implements Cmd {}

    record Exit() implements Cmd {}

    record Ping(Addr<String> replyTo) implements Cmd {}

    record Block(CountDownLatch release) implements Cmd {}

    record Work(int n) implements Cmd {}

    final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    final ConcurrentHashMap<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, AtomicInteger> instances = new ConcurrentHashMap<>();
    /** Ids whose factory throws on the next build (a count of builds to fail). */
    final ConcurrentHashMap<String, AtomicInteger> failBuilds = new ConcurrentHashMap<>();
    /** Ids whose factory always throws after the first build. */
    final ConcurrentHashMap<String, Boolean> failRebuilds = new ConcurrentHashMap<>();

    ActorFactory<Cmd> factory(String id) {
        return ctx -> {
            int n = instances.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            AtomicInteger fails = failBuilds.get(id);
            if ((fails != null && fails.getAndDecrement() > 0) || (n > 1 && failRebuilds.containsKey(id))) {
                log.add(id + ":buildFailed");
                throw new IllegalStateException(id + " cannot start");
            }
            return new Worker(id, ctx);
        };
    }

    ChildSpec<Cmd> worker(String id) {
        return ChildSpec.worker(id, factory(id));
    }

    int instances(String id) {
        AtomicInteger n = instances.get(id);
        return n == null ? 0 : n.get();
    }

    int handled(String id) {
        AtomicInteger n = handled.get(id);
        return n == null ? 0 : n.get();
    }

    List<String> events(String suffix) {
        return log.stream().filter(e -> e.endsWith(suffix) || e.contains(suffix + ":")).toList();
    }

    List<String> eventsMatching(Predicate<String> p) {
        return log.stream().filter(p).toList();
    }

    final class Worker implements Actor<Cmd> {
        private final String id;
        private final ActorContext<Cmd> ctx;

        Worker(String id, ActorContext<Cmd> ctx) {
            this.id = id;
            this.ctx = ctx;
        }

        @Override
        public void preStart() {
            log.add(id + ":start");
        }

        @Override
        public void postStop() {
            log.add(id + ":postStop");
        }

        @Override
        public void preRestart(Throwable cause, Object failedMessage) {
            log.add(id + ":preRestart:" + (cause == null ? "normal" : cause.getMessage()));
        }

        @Override
        public void postRestart(Throwable cause) {
            log.add(id + ":postRestart:" + (cause == null ? "normal" : cause.getMessage()));
        }

        @Override
        public void receive(Cmd cmd) throws Exception {
            if (cmd instanceof Crash c) {
                throw new IllegalStateException(c.why());
            } else if (cmd instanceof Exit) {
                ctx.stop();
            } else if (cmd instanceof Ping p) {
                p.replyTo().tell(id);
            } else if (cmd instanceof Block b) {
                b.release().await();
            }
            handled.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** Waits until the condition holds, failing the test after the timeout. Never asserts on time. */
    static void awaitUntil(String what, BooleanSupplier condition) {
        awaitUntil(what, Duration.ofSeconds(10), condition);
    }

    static void awaitUntil(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                assertThat(condition.getAsBoolean()).as("timed out waiting until " + what).isTrue();
            }
            try {
                TimeUnit.MILLISECONDS.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
