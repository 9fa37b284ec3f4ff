package dev.crema.actor;

import static dev.crema.actor.TestSupport.await;
import static dev.crema.actor.TestSupport.awaitUntil;
import static dev.crema.actor.TestSupport.block;
import static dev.crema.actor.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec point 4: one thread at a time, per-sender order, no lost wake-up, fairness, the dispatchers. */
class DispatchTest {

    record Seq(int sender, int n) {
    }

    private ActorSystem system;

    @BeforeEach
    void start() {
        system = TestSupport.newSystem("dispatch");
    }

    @AfterEach
    void stop() {
        system.shutdown(TestSupport.SHUTDOWN);
    }

    /** Checks per-sender order; counts messages per sender and any out-of-order arrival. */
    static final class OrderChecker implements Actor<Seq> {
        final int[] next;
        final AtomicLong violations;
        final CountDownLatch done;

        OrderChecker(int senders, AtomicLong violations, CountDownLatch done) {
            this.next = new int[senders];
            this.violations = violations;
            this.done = done;
        }

        @Override
        public void receive(Seq m) {
            if (m.n() != next[m.sender()]) {
                violations.incrementAndGet();
            }
            next[m.sender()] = m.n() + 1;
            done.countDown();
        }
    }

    @Test
    void messagesFromOneSenderThread_areHandledInSendOrder_withManyConcurrentSenders() throws Exception {
        int senders = 4;
        int perSender = 10_000;
        AtomicLong violations = new AtomicLong();
        CountDownLatch done = new CountDownLatch(senders * perSender);
        Addr<Seq> checker = system.spawn("checker", ctx -> new OrderChecker(senders, violations, done),
                SpawnOptions.defaults().withMailbox(Mailbox.unbounded()).withThroughput(7));
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            Thread t = new Thread(() -> {
                for (int i = 0; i < perSender; i++) {
                    checker.tell(new Seq(sender, i));
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        await(done, "every message");
        assertThat(violations.get()).isZero();
    }

    @Test
    void messagesFromOneActor_areHandledInSendOrder_withSeveralActorsSendingAtOnce() throws Exception {
        int senders = 3;
        int perSender = 10_000;
        AtomicLong violations = new AtomicLong();
        CountDownLatch done = new CountDownLatch(senders * perSender);
        Addr<Seq> checker = system.spawn("checker", ctx -> new OrderChecker(senders, violations, done),
                SpawnOptions.defaults().withMailbox(Mailbox.unbounded()));
        for (int s = 0; s < senders; s++) {
            int sender = s;
            Addr<String> producer = system.spawn("producer" + s, ctx -> msg -> {
                for (int i = 0; i < perSender; i++) {
                    checker.tell(new Seq(sender, i));
                }
            });
            producer.tell("go");
        }
        await(done, "every message");
        assertThat(violations.get()).isZero();
    }

    @Test
    void noLostWakeup_whenEachMessageArrivesJustAsTheActorGoesIdle() throws Exception {
        BlockingQueue<Integer> acks = new ArrayBlockingQueue<>(1);
        Addr<Integer> echo = system.spawn("echo", ctx -> acks::add);
        for (int i = 0; i < 10_000; i++) {
            echo.tell(i);
            Integer ack = acks.poll(TestSupport.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(ack).as("ack of message %d", i).isEqualTo(i);
        }
    }

    @Test
    void noLostWakeup_inALongActorToActorPingPong() throws Exception {
        int rounds = 50_000;
        CompletableFuture<Integer> finished = new CompletableFuture<>();
        record Ball(int n, Addr<Ball> from) {
        }
        Addr<Ball> pong = system.spawn("pong", ctx -> b -> b.from().tell(new Ball(b.n() + 1, ctx.self())));
        Addr<Ball> ping = system.spawn("ping", ctx -> b -> {
            if (b.n() >= rounds) {
                finished.complete(b.n());
            } else {
                b.from().tell(new Ball(b.n() + 1, ctx.self()));
            }
        });
        pong.tell(new Ball(0, ping));
        assertThat(get(finished)).isBetween(rounds, rounds + 1); // ping may see rounds or rounds + 1
    }

    /**
     * A system message sent while the actor is in a turn must not leave the actor re-dispatching itself for
     * ever. With one worker thread, such a spinning actor would starve every other actor, so after each
     * round another actor must still answer. Each round sends one system message (a death-watch request)
     * while the actor is busy with a burst, at a slightly different moment.
     */
    @Test
    void systemMessageRacingABusyTurn_neverLeavesTheActorSpinning() throws Exception {
        record Ping(Addr<String> replyTo) {
        }
        try (ActorSystem one = TestSupport.newSystem("spin", SystemConfig.defaults().withParallelism(1))) {
            AtomicLong handled = new AtomicLong();
            Addr<Integer> busy = one.spawn("busy", ctx -> m -> handled.incrementAndGet(),
                    SpawnOptions.defaults().withMailbox(Mailbox.unbounded()).withThroughput(1));
            Addr<Ping> probe = one.spawn("probe", ctx -> p -> p.replyTo().tell("pong"));
            long sent = 0;
            for (int round = 0; round < 1500; round++) {
                CountDownLatch go = new CountDownLatch(1);
                int delay = round % 64;
                Thread watcher = new Thread(() -> {
                    block(go);
                    for (int s = 0; s < delay; s++) {
                        Thread.onSpinWait();
                    }
                    one.whenTerminated(busy); // one system message to the busy actor
                });
                watcher.start();
                for (int i = 0; i < 20; i++) {
                    busy.tell(i);
                    sent++;
                    if (i == 2) {
                        go.countDown();
                    }
                }
                watcher.join();
                long expected = sent;
                awaitUntil("the burst to be handled", () -> handled.get() == expected);
                int r = round;
                assertThat(probe.<String>ask(Ping::new, Duration.ofSeconds(3)))
                        .as("another actor answers after round %d", r)
                        .succeedsWithin(Duration.ofSeconds(4))
                        .isEqualTo("pong");
            }
        }
    }

    @Test
    void throughputBatch_letsAnotherWaitingActorRunBetweenBatches() throws Exception {
        // one worker thread; A and B each have 50 messages waiting; throughput 5
        try (ActorSystem one = TestSupport.newSystem("fair", SystemConfig.defaults().withParallelism(1))) {
            List<String> order = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch warm = new CountDownLatch(2);
            // deliberately on the default dispatcher: it holds the only worker while the backlog builds
            Addr<String> holder = one.spawn("holder", ctx -> msg -> {
                started.countDown();
                block(gate);
            });
            SpawnOptions batch5 = SpawnOptions.defaults().withThroughput(5).withMailbox(Mailbox.unbounded());
            Addr<String> a = one.spawn("a", ctx -> msg -> {
                if (msg.equals("warm")) {
                    warm.countDown();
                } else {
                    order.add("A");
                }
            }, batch5);
            Addr<String> b = one.spawn("b", ctx -> msg -> {
                if (msg.equals("warm")) {
                    warm.countDown();
                } else {
                    order.add("B");
                }
            }, batch5);
            a.tell("warm");
            b.tell("warm");
            await(warm, "both actors to start");
            holder.tell("hold");
            await(started, "the holder to occupy the worker");
            for (int i = 0; i < 50; i++) {
                a.tell("m");
            }
            for (int i = 0; i < 50; i++) {
                b.tell("m");
            }
            gate.countDown();
            awaitUntil("all 100 handled", () -> order.size() == 100);
            List<String> snapshot = List.copyOf(order);
            int bothBusyUntil = Math.min(snapshot.lastIndexOf("A"), snapshot.lastIndexOf("B"));
            int longestRun = 0;
            int run = 0;
            for (int i = 0; i <= bothBusyUntil; i++) {
                run = i > 0 && snapshot.get(i).equals(snapshot.get(i - 1)) ? run + 1 : 1;
                longestRun = Math.max(longestRun, run);
            }
            assertThat(longestRun)
                    .as("longest run of one actor while the other was waiting, in %s", String.join("", snapshot))
                    .isLessThanOrEqualTo(5);
        }
    }

    @Test
    void defaultDispatcher_isAForkJoinPoolInAsyncMode_sizedToTheCores() throws Exception {
        assertThat(SystemConfig.defaults().parallelism()).isEqualTo(Runtime.getRuntime().availableProcessors());
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        system.spawn("where", ctx -> msg -> thread.complete(Thread.currentThread())).tell("?");
        Thread t = get(thread);
        assertThat(t).isInstanceOf(ForkJoinWorkerThread.class);
        ForkJoinPool pool = ((ForkJoinWorkerThread) t).getPool();
        assertThat(pool.getAsyncMode()).isTrue();
        assertThat(pool.getParallelism()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(t.getName()).startsWith("crema-dispatch-default-");

        try (ActorSystem three = TestSupport.newSystem("three", SystemConfig.defaults().withParallelism(3))) {
            CompletableFuture<Thread> t3 = new CompletableFuture<>();
            three.spawn("where", ctx -> msg -> t3.complete(Thread.currentThread())).tell("?");
            assertThat(((ForkJoinWorkerThread) get(t3)).getPool().getParallelism()).isEqualTo(3);
        }
    }

    @Test
    void blockingDispatcher_isABoundedPool_separateFromTheDefaultOne() throws Exception {
        try (ActorSystem sys = TestSupport.newSystem("blk", SystemConfig.defaults().withBlockingThreads(2))) {
            int actors = 12;
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger maxInside = new AtomicInteger();
            Set<String> threads = ConcurrentHashMap.newKeySet();
            CountDownLatch twoStarted = new CountDownLatch(2);
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(actors);
            for (int i = 0; i < actors; i++) {
                sys.spawn("io" + i, ctx -> msg -> {
                    maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    threads.add(Thread.currentThread().getName());
                    twoStarted.countDown();
                    block(gate); // blocking I/O stand-in
                    inside.decrementAndGet();
                    done.countDown();
                }, SpawnOptions.defaults().withDispatcher(Dispatcher.BLOCKING)).tell("read");
            }
            await(twoStarted, "two blocking actors");
            gate.countDown();
            await(done, "every blocking actor");
            assertThat(maxInside.get()).isLessThanOrEqualTo(2);
            assertThat(threads).hasSizeLessThanOrEqualTo(2)
                    .allSatisfy(name -> assertThat(name).startsWith("crema-blk-blocking-"));
        }
    }

    @Test
    void virtualDispatcher_runsOnVirtualThreadsOnJdk21Plus_andIsRefusedClearlyOnOlderJdks() throws Exception {
        SpawnOptions virtual = SpawnOptions.defaults().withDispatcher(Dispatcher.VIRTUAL);
        if (Runtime.version().feature() < 21) {
            assertThatThrownBy(() -> system.spawn("v", ctx -> msg -> { }, virtual))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("JDK 21");
            // the refusal left the system usable
            CompletableFuture<String> ok = new CompletableFuture<>();
            system.<String>spawn("after", ctx -> ok::complete).tell("fine");
            assertThat(get(ok)).isEqualTo("fine");
        } else {
            CompletableFuture<Boolean> isVirtual = new CompletableFuture<>();
            system.spawn("v", ctx -> msg -> isVirtual.complete(
                    (Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread())), virtual)
                    .tell("?");
            assertThat(get(isVirtual)).isTrue();
        }
    }

    @Test
    void customDispatcher_runsActorsOnTheGivenExecutor_whichTheSystemDoesNotShutDown() throws Exception {
        ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "my-executor"));
        try {
            CompletableFuture<String> thread = new CompletableFuture<>();
            Dispatcher d = Dispatcher.of("mine", mine);
            assertThat(d.name()).isEqualTo("mine");
            assertThat(d.executor()).contains(mine);
            system.spawn("custom", ctx -> msg -> thread.complete(Thread.currentThread().getName()),
                    SpawnOptions.defaults().withDispatcher(d)).tell("?");
            assertThat(get(thread)).isEqualTo("my-executor");
            system.shutdown(TestSupport.SHUTDOWN);
            assertThat(mine.isShutdown()).isFalse();
        } finally {
            mine.shutdownNow();
        }
    }

    record Ball(Addr<Ball> back, java.util.concurrent.atomic.AtomicBoolean playing) {
    }

    record Hello(Addr<String> replyTo) {
    }

    @Test
    void endlessPingPongOnEveryWorker_doesNotStarveAMessageFromOutside() throws Exception {
        // two pairs that never stop playing, on two workers: each chain of hand-offs could keep its worker
        // forever; an ask from a thread outside the pool must still be answered
        try (ActorSystem two = TestSupport.newSystem("busy", SystemConfig.defaults().withParallelism(2))) {
            java.util.concurrent.atomic.AtomicBoolean playing = new java.util.concurrent.atomic.AtomicBoolean(true);
            ActorFactory<Ball> player = ctx -> b -> {
                if (b.playing().get()) {
                    b.back().tell(new Ball(ctx.self(), b.playing()));
                }
            };
            for (int pair = 0; pair < 2; pair++) {
                Addr<Ball> a = two.spawn("a" + pair, player);
                Addr<Ball> b = two.spawn("b" + pair, player);
                for (int ball = 0; ball < 10; ball++) {
                    a.tell(new Ball(b, playing)); // several balls: neither player is ever idle
                }
            }
            try {
                Addr<Hello> greeter = two.spawn("greeter", ctx -> h -> h.replyTo().tell("hello"));
                for (int i = 0; i < 20; i++) {
                    assertThat(greeter.ask(String.class, Hello::new, Duration.ofSeconds(10)).get()).isEqualTo("hello");
                }
            } finally {
                playing.set(false);
            }
        }
    }
}
