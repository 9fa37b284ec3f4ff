package dev.crema.actor;

import static dev.crema.actor.TestSupport.await;
import static dev.crema.actor.TestSupport.awaitTerminated;
import static dev.crema.actor.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec point 1: actors, lambdas and classes, checked exceptions, children and parents. */
class ActorBasicsTest {

    private ActorSystem system;

    @BeforeEach
    void start() {
        system = TestSupport.newSystem("basics");
    }

    @AfterEach
    void stop() {
        system.shutdown(TestSupport.SHUTDOWN);
    }

    @Test
    void statelessActor_canBeALambda() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(3);
        Addr<String> echo = system.spawn("echo", ctx -> msg -> {
            seen.add(msg);
            done.countDown();
        });
        echo.tell("a");
        echo.tell("b");
        echo.tell("c");
        await(done, "three messages");
        assertThat(seen).containsExactly("a", "b", "c");
    }

    /** A stateful actor keeps plain (non-volatile) fields; each call must see the previous call's writes. */
    static final class Counter implements Actor<Integer> {
        private long total;
        private int calls;
        private final CompletableFuture<Long> result;
        private final int expectedCalls;

        Counter(CompletableFuture<Long> result, int expectedCalls) {
            this.result = result;
            this.expectedCalls = expectedCalls;
        }

        @Override
        public void receive(Integer n) {
            total += n;
            if (++calls == expectedCalls) {
                result.complete(total);
            }
        }
    }

    @Test
    void statefulActor_isAClass_withPlainFieldsVisibleAcrossMessagesAndThreads() throws Exception {
        int n = 20_000;
        CompletableFuture<Long> result = new CompletableFuture<>();
        Addr<Integer> counter = system.spawn("counter", ctx -> new Counter(result, n),
                SpawnOptions.defaults().withMailbox(Mailbox.unbounded()).withThroughput(3));
        Thread[] producers = new Thread[2];
        for (int p = 0; p < producers.length; p++) {
            producers[p] = new Thread(() -> {
                for (int i = 1; i <= n / 2; i++) {
                    counter.tell(1);
                }
            });
            producers[p].start();
        }
        for (Thread t : producers) {
            t.join();
        }
        assertThat(get(result)).isEqualTo(n);
    }

    @Test
    void handler_mayThrowACheckedException_whichIsTreatedAsAFailure() throws Exception {
        Addr<String> failing = system.spawn("io", ctx -> msg -> {
            throw new IOException("disk gone: " + msg);
        });
        failing.tell("x");
        Terminated t = awaitTerminated(system, failing);
        assertThat(t.isFailure()).isTrue();
        assertThat(t.cause()).get().isInstanceOf(IOException.class)
                .extracting(Throwable::getMessage).isEqualTo("disk gone: x");
    }

    @Test
    void topLevelActor_isAChildOfTheSystem_pathUnderUser() {
        Addr<String> top = system.spawn("top", ctx -> msg -> { });
        assertThat(top.path()).isEqualTo("crema://basics/user/top");
    }

    @Test
    void child_isSpawnedThroughContext_andItsPathIsUnderItsParent() throws Exception {
        CompletableFuture<List<String>> paths = new CompletableFuture<>();
        system.spawn("parent", ctx -> {
            Addr<String> named = ctx.spawn("kid", c -> m -> { });
            Addr<String> anon = ctx.spawnAnonymous(c -> m -> { });
            paths.complete(List.of(ctx.path(), named.path(), anon.path()));
            return msg -> { };
        });
        List<String> p = get(paths);
        assertThat(p.get(0)).isEqualTo("crema://basics/user/parent");
        assertThat(p.get(1)).isEqualTo("crema://basics/user/parent/kid");
        assertThat(p.get(2)).startsWith("crema://basics/user/parent/$");
    }

    @Test
    void children_areListedInStartOrder_andRemovedOnceStopped() throws Exception {
        AtomicReference<List<Addr<?>>> before = new AtomicReference<>();
        AtomicReference<List<Addr<?>>> after = new AtomicReference<>();
        AtomicReference<Addr<String>> a = new AtomicReference<>();
        AtomicReference<Addr<String>> b = new AtomicReference<>();
        AtomicReference<Addr<String>> c = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        system.<String>spawn("parent", ctx -> {
            a.set(ctx.spawn("a", x -> m -> { }));
            b.set(ctx.spawn("b", x -> m -> { }));
            c.set(ctx.spawn("c", x -> m -> { }));
            before.set(ctx.children());
            ctx.watch(b.get(), t -> "b-gone");
            ctx.stop(b.get());
            return msg -> {
                if (msg.equals("b-gone")) {
                    after.set(ctx.children());
                    done.countDown();
                }
            };
        });
        await(done, "child b to terminate");
        assertThat(before.get()).containsExactly(a.get(), b.get(), c.get());
        assertThat(after.get()).containsExactly(a.get(), c.get());
    }

    @Test
    void children_stopWhenTheirParentStops() throws Exception {
        CompletableFuture<Addr<String>> child = new CompletableFuture<>();
        Addr<String> parent = system.spawn("parent", ctx -> {
            child.complete(ctx.spawn("child", c -> m -> { }));
            return msg -> { };
        });
        Addr<String> kid = get(child);
        system.stop(parent);
        awaitTerminated(system, parent);
        // the child terminated before its parent, so its notice is available at once
        assertThat(system.whenTerminated(kid)).succeedsWithin(TestSupport.WAIT);
    }

    @Test
    void actor_handlesOneMessageAtATime_evenWithManyConcurrentProducers() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        int producers = 4;
        int perProducer = 5_000;
        CountDownLatch done = new CountDownLatch(producers * perProducer);
        Addr<Integer> actor = system.spawn("single", ctx -> msg -> {
            int now = inside.incrementAndGet();
            maxInside.accumulateAndGet(now, Math::max);
            Thread.onSpinWait();
            inside.decrementAndGet();
            done.countDown();
        }, SpawnOptions.defaults().withMailbox(Mailbox.unbounded()).withThroughput(2));
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    actor.tell(i);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        await(done, "all messages");
        assertThat(maxInside.get()).isEqualTo(1);
    }

    @Test
    void topLevelName_canBeReusedOnceTheActorHasTerminated() throws Exception {
        // "unique among live top-level actors": once whenTerminated has completed, the actor is not live
        Addr<String> worker = system.spawn("worker", ctx -> msg -> { });
        for (int i = 0; i < 1000; i++) {
            system.stop(worker);
            awaitTerminated(system, worker);
            AtomicReference<Addr<String>> next = new AtomicReference<>();
            int round = i;
            assertThatCode(() -> next.set(system.spawn("worker", ctx -> msg -> { })))
                    .as("respawning 'worker' in round %d after its predecessor terminated", round)
                    .doesNotThrowAnyException();
            worker = next.get();
        }
    }

    @Test
    void contextStop_stopsTheActorAfterTheCurrentMessage_andDeadLettersTheRestAsStopped() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<Object> stopped = Collections.synchronizedList(new ArrayList<>());
        system.deadLetters().subscribe(dl -> {
            if (dl.reason() == DeadLetterReason.STOPPED) {
                stopped.add(dl.message());
            }
        });
        Addr<String> a = system.spawn("quitter", ctx -> msg -> {
            seen.add(msg);
            if (msg.equals("quit")) {
                started.countDown();
                TestSupport.block(gate);
                ctx.stop();
                seen.add("still running the current message");
            }
        }, TestSupport.BLOCKS);
        a.tell("quit");
        TestSupport.await(started, "the actor to be handling 'quit'");
        a.tell("r1");
        a.tell("r2");
        gate.countDown();
        assertThat(awaitTerminated(system, a).isFailure()).isFalse();
        assertThat(seen).containsExactly("quit", "still running the current message");
        assertThat(stopped).containsExactly("r1", "r2");
    }

    @Test
    void childName_canBeReusedOnceTheParentWasToldTheChildTerminated() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> error = new AtomicReference<>();
        system.<String>spawn("parent", ctx -> {
            AtomicInteger rounds = new AtomicInteger();
            Addr<String> first = ctx.spawn("kid", c -> m -> { });
            ctx.watch(first, t -> "gone");
            ctx.stop(first);
            return msg -> {
                try {
                    Addr<String> again = ctx.spawn("kid", c -> m -> { });
                    if (rounds.incrementAndGet() == 50) {
                        done.countDown();
                        return;
                    }
                    ctx.watch(again, t -> "gone");
                    ctx.stop(again);
                } catch (Throwable t) {
                    error.set(t);
                    done.countDown();
                }
            };
        });
        await(done, "50 respawns of 'kid'");
        assertThat(error.get()).isNull();
    }
}
