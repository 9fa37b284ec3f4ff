package dev.crema.actor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.Mailbox;
import dev.crema.actor.RegistryKey;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.SystemConfig;
import dev.crema.actor.Terminated;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue point 5, churn: a million actors spawned and stopped, watch/unwatch storms and register/unregister
 * storms leave nothing behind: the live-actor count, the registry, the timers, the root's children and
 * every watcher table return to empty, stopped actors become unreachable, and the heap returns to its
 * baseline after GC. In package {@code internal} to read the watcher tables ({@link CellState}) and the
 * runtime's leak counters directly.
 */
class ChurnHardeningTest {

    private static final boolean LONG = "long".equalsIgnoreCase(System.getProperty("crema.stress", ""));

    private final ActorSystem system = ActorSystem.create("churn", SystemConfig.defaults().withDeadLetterLogLimit(0));
    private final SystemRuntime rt = runtimeOf(system);

    @AfterEach
    void shutdown() {
        system.shutdown(Duration.ofSeconds(10));
    }

    private SystemRuntime runtimeOf(ActorSystem s) {
        Addr<Object> probe = s.spawnAnonymous(ctx -> m -> { });
        SystemRuntime r = ((ActorCell<?>) probe).runtime();
        s.stop(probe);
        return r;
    }

    private static void awaitUntil(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long park = 10_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline < 0).as("timed out after %s waiting until %s", timeout, what).isTrue();
            LockSupport.parkNanos(park);
            park = Math.min(park * 2, 2_000_000);
        }
    }

    private void awaitNothingLeft(String when) {
        awaitUntil(when + ": live actors back to the root alone (now " + rt.liveActors() + ")", Duration.ofSeconds(60),
                () -> rt.liveActors() == 1);
        awaitUntil(when + ": the root has no children", Duration.ofSeconds(10), () -> rt.root().state().childCount() == 0);
        awaitUntil(when + ": registry empty (now " + rt.registrySize() + ")", Duration.ofSeconds(10), () -> rt.registrySize() == 0);
        awaitUntil(when + ": no pending timers (now " + rt.pendingTimers() + ")", Duration.ofSeconds(10),
                () -> rt.pendingTimers() == 0);
        assertThat(rt.registry().names()).isEmpty();
    }

    private static long usedHeapAfterGc() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            Runtime r = Runtime.getRuntime();
            best = Math.min(best, r.totalMemory() - r.freeMemory());
        }
        return best;
    }

    // ---------------------------------------------------------------- spawn and stop a million

    /** A short-lived actor: handles one message, then stops in one of three ways; releases a permit at the end. */
    static final class Ephemeral implements Actor<Object> {
        private final ActorContext<Object> ctx;
        private final Semaphore inFlight;

        Ephemeral(ActorContext<Object> ctx, Semaphore inFlight) {
            this.ctx = ctx;
            this.inFlight = inFlight;
        }

        @Override
        public void receive(Object message) {
            if ("stop yourself".equals(message)) {
                ctx.stop();
            }
        }

        @Override
        public void postStop() {
            inFlight.release();
        }
    }

    @Test
    void aMillionActorsSpawnedAndStopped_leaveNothingBehind() throws Exception {
        long total = LONG ? 10_000_000L : 1_000_000L;
        int threads = 4;
        Semaphore inFlight = new Semaphore(20_000);
        AtomicLong spawned = new AtomicLong();
        List<WeakReference<Object>> sample = new ArrayList<>();
        long baseline = usedHeapAfterGc();

        // parents that spawn and stop children of their own, on their own threads
        int parents = 4;
        List<Addr<Object>> parentAddrs = new ArrayList<>();
        for (int p = 0; p < parents; p++) {
            parentAddrs.add(system.spawn("parent-" + p, ctx -> m -> {
                int n = (Integer) m;
                for (int i = 0; i < n; i++) {
                    Addr<Object> c = ctx.spawnAnonymous(cctx -> new Ephemeral(cctx, inFlight));
                    c.tell("hello");
                    ctx.stop(c);
                }
            }));
        }

        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> churners = new ArrayList<>();
        long perThread = total / threads;
        for (int t = 0; t < threads; t++) {
            int thread = t;
            churners.add(new Thread(() -> {
                try {
                    for (long i = 0; i < perThread; i++) {
                        int way = (int) (i % 4);
                        if (way == 3) { // a batch of children, spawned and stopped by a parent
                            if (i % 400 == 3) {
                                inFlight.acquire(100);
                                parentAddrs.get(thread % parents).tell(100);
                                spawned.addAndGet(100);
                            }
                            continue;
                        }
                        inFlight.acquire();
                        Addr<Object> a = system.spawnAnonymous(ctx -> new Ephemeral(ctx, inFlight));
                        spawned.incrementAndGet();
                        if (i % 10_000 == 0) {
                            synchronized (sample) {
                                sample.add(new WeakReference<>(a));
                            }
                        }
                        if (way == 0) {
                            system.stop(a);                 // stopped from outside
                        } else if (way == 1) {
                            a.tell("stop yourself");         // stops itself
                        } else {
                            a.tell("hello");                 // stopped from outside with a message queued
                            system.stop(a);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "churner-" + t));
        }
        churners.forEach(Thread::start);
        for (Thread th : churners) {
            th.join();
        }
        assertThat(failure.get()).isNull();
        for (Addr<Object> p : parentAddrs) {
            system.stop(p);
        }
        awaitNothingLeft("after the churn");

        long after = usedHeapAfterGc();
        awaitUntil("every sampled stopped actor is garbage", Duration.ofSeconds(30), () -> {
            System.gc();
            synchronized (sample) {
                return sample.stream().allMatch(r -> r.get() == null);
            }
        });
        System.out.printf("churn: %d actors spawned and stopped; heap after GC %d KB (baseline %d KB)%n",
                spawned.get(), after / 1024, baseline / 1024);
        assertThat(spawned.get()).isGreaterThanOrEqualTo(total * 3 / 4);
        assertThat(after - baseline).as("heap growth after GC, bytes").isLessThan(32L * 1024 * 1024);
    }

    // ---------------------------------------------------------------- watch / unwatch

    record Watch(Addr<?> target) {
    }

    record Unwatch(Addr<?> target) {
    }

    record Report(CompletableFuture<int[]> reply) {
    }

    /** Answers, on its own thread, how many watchers it has and how many actors it watches. */
    static final class Observed implements Actor<Object> {
        final ActorContext<Object> ctx;
        final AtomicInteger notices;

        Observed(ActorContext<Object> ctx, AtomicInteger notices) {
            this.ctx = ctx;
            this.notices = notices;
        }

        @Override
        public void receive(Object m) {
            if (m instanceof Watch w) {
                ctx.watch(w.target(), t -> t);
            } else if (m instanceof Unwatch u) {
                ctx.unwatch(u.target());
            } else if (m instanceof Terminated) {
                notices.incrementAndGet();
            } else if (m instanceof Report r) {
                CellState s = ((ActorCell<?>) ctx).stateOrNull();
                int watchers = s == null || s.watchers == null ? 0 : s.watchers.size();
                int watching = s == null || s.watching == null ? 0 : s.watching.size();
                r.reply().complete(new int[] {watchers, watching});
            }
        }
    }

    private static int[] report(Addr<Object> a) throws Exception {
        CompletableFuture<int[]> f = new CompletableFuture<>();
        a.tell(new Report(f));
        return f.get(30, TimeUnit.SECONDS);
    }

    /** The storm sends faster than the watchers handle: no message of it may be refused. */
    private static final SpawnOptions UNBOUNDED = SpawnOptions.defaults().withMailbox(Mailbox.unbounded());

    @Test
    void watchUnwatchStorm_everyWatcherTableReturnsToEmpty_andEveryDeathIsToldOnce() throws Exception {
        int targets = 8;
        int watchers = 16;
        int rounds = LONG ? 200_000 : 20_000;
        AtomicInteger notices = new AtomicInteger();
        List<Addr<Object>> longLived = new ArrayList<>();
        for (int i = 0; i < targets; i++) {
            longLived.add(system.spawn("target-" + i, ctx -> new Observed(ctx, new AtomicInteger()), UNBOUNDED));
        }
        List<Addr<Object>> ws = new ArrayList<>();
        for (int i = 0; i < watchers; i++) {
            ws.add(system.spawn("watcher-" + i, ctx -> new Observed(ctx, notices), UNBOUNDED));
        }

        // the storm: random watch/unwatch of the long-lived targets, and watches of short-lived actors that die
        Random random = new Random(7);
        int shortLivedWatches = 0;
        for (int i = 0; i < rounds; i++) {
            Addr<Object> w = ws.get(random.nextInt(watchers));
            Addr<Object> t = longLived.get(random.nextInt(targets));
            w.tell(random.nextBoolean() ? new Watch(t) : new Unwatch(t));
            if (i % 20 == 0) {
                Addr<Object> doomed = system.spawnAnonymous(ctx -> m -> { });
                if (random.nextBoolean()) {
                    w.tell(new Watch(doomed));
                    system.stop(doomed); // races the watch: told at termination, or at once if it came first
                } else {
                    system.stop(doomed);
                    w.tell(new Watch(doomed)); // watching a stopping or stopped actor: told once all the same
                }
                shortLivedWatches++;
            }
        }
        // everyone unwatches every long-lived target
        for (Addr<Object> w : ws) {
            for (Addr<Object> t : longLived) {
                w.tell(new Unwatch(t));
            }
        }
        int expectedNotices = shortLivedWatches;
        awaitUntil("every short-lived death told (" + notices.get() + " of " + expectedNotices + ")",
                Duration.ofSeconds(30), () -> notices.get() >= expectedNotices);
        for (Addr<Object> w : ws) {
            assertThat(report(w)[1]).as("%s still watches something", w).isZero();
        }
        for (Addr<Object> t : longLived) {
            assertThat(report(t)[0]).as("%s still has watchers", t).isZero();
        }
        assertThat(notices.get()).as("each death told exactly once").isEqualTo(expectedNotices);

        // watchers that stop while watching: the targets forget them
        for (Addr<Object> w : ws) {
            for (Addr<Object> t : longLived) {
                w.tell(new Watch(t));
            }
            system.stop(w);
        }
        for (Addr<Object> t : longLived) {
            Addr<Object> target = t;
            awaitUntil(t + " forgot its stopped watchers", Duration.ofSeconds(30), () -> {
                try {
                    return report(target)[0] == 0;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
        for (Addr<Object> t : longLived) {
            system.stop(t);
        }
        awaitNothingLeft("after the watch storm");
        System.out.printf("watch storm: %d watch/unwatch operations, %d deaths told once each%n", rounds, expectedNotices);
    }

    @Test
    void whenTerminated_aCancelledFutureDoesNotStayRegistered() throws Exception {
        Addr<Object> longLived = system.spawn("long-lived", ctx -> new Observed(ctx, new AtomicInteger()));
        for (int i = 0; i < 10_000; i++) {
            CompletableFuture<Terminated> f = system.whenTerminated(longLived);
            f.cancel(false); // the caller gave up waiting (a timeout, a poll loop)
        }
        // undocumented: a demanding user expects no trace of 10,000 abandoned waits on a long-lived actor
        awaitUntil("the cancelled waits are gone from the watcher table (now " + report(longLived)[0] + ")",
                Duration.ofSeconds(5), () -> {
                    try {
                        return report(longLived)[0] == 0;
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
    }

    // ---------------------------------------------------------------- register / unregister

    @Test
    void registerUnregisterStorm_theRegistryReturnsToEmpty() throws Exception {
        int actors = 16;
        int names = 32;
        int ops = LONG ? 2_000_000 : 200_000;
        List<Addr<Object>> as = new ArrayList<>();
        for (int i = 0; i < actors; i++) {
            as.add(system.spawn("holder-" + i, ctx -> m -> { }));
        }
        List<RegistryKey<Object>> keys = new ArrayList<>();
        for (int i = 0; i < names; i++) {
            keys.add(RegistryKey.of("name-" + i, Object.class));
        }
        AtomicLong registered = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            new Thread(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                try {
                    for (int i = 0; i < ops / 4; i++) {
                        RegistryKey<Object> k = keys.get(r.nextInt(names));
                        Addr<Object> a = as.get(r.nextInt(actors));
                        switch (r.nextInt(4)) {
                            case 0, 1 -> {
                                try {
                                    system.registry().register(k, a);
                                    registered.incrementAndGet();
                                } catch (IllegalStateException taken) {
                                    refused.incrementAndGet();
                                }
                            }
                            case 2 -> system.registry().unregister(k, a);
                            default -> {
                                if (i % 64 == 0) {
                                    system.registry().whenRegistered(k, Duration.ofMillis(1 + r.nextInt(5)))
                                            .exceptionally(x -> null);
                                } else {
                                    system.registry().lookup(k).ifPresent(found ->
                                            assertThat(as).as("lookup returns a live holder").contains(found));
                                }
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }, "registrar-" + t).start();
        }
        assertThat(done.await(2, TimeUnit.MINUTES)).isTrue();
        assertThat(failure.get()).isNull();

        // a registered actor is listed under each of its names exactly once; half the holders stop (their
        // names are released), the other half unregister explicitly
        for (int i = 0; i < actors; i++) {
            Addr<Object> a = as.get(i);
            if (i % 2 == 0) {
                system.stop(a);
            } else {
                for (RegistryKey<Object> k : keys) {
                    system.registry().unregister(k, a);
                }
            }
        }
        awaitNothingLeftButHolders(actors / 2);
        for (int i = 1; i < actors; i += 2) {
            system.stop(as.get(i));
        }
        awaitNothingLeft("after the registry storm");
        System.out.printf("registry storm: %d operations, %d registrations, %d refused as taken%n",
                ops, registered.get(), refused.get());
        assertThat(registered.get()).isPositive();
        assertThat(refused.get()).isPositive();
    }

    private void awaitNothingLeftButHolders(int holders) {
        awaitUntil("only the remaining holders live", Duration.ofSeconds(30), () -> rt.liveActors() == 1 + holders);
        awaitUntil("registry empty, waiters timed out (now " + rt.registrySize() + ")", Duration.ofSeconds(30),
                () -> rt.registrySize() == 0);
    }
}
