package dev.crema.actor;

import static dev.crema.actor.TestSupport.await;
import static dev.crema.actor.TestSupport.awaitTerminated;
import static dev.crema.actor.TestSupport.awaitUntil;
import static dev.crema.actor.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec point 6: death watch with a message of the watcher's own protocol. */
class DeathWatchTest {

    /** The watcher's own protocol. */
    sealed interface Cmd permits Watch, Unwatch, Gone, Probe {
    }

    record Watch(Addr<?> target, String tag) implements Cmd {
    }

    record Unwatch(Addr<?> target) implements Cmd {
    }

    record Gone(String tag, Addr<?> who, Throwable cause) implements Cmd {
    }

    record Probe(CountDownLatch handled) implements Cmd {
    }

    private ActorSystem system;
    private final List<Gone> notices = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        system = TestSupport.newSystem("watch");
    }

    @AfterEach
    void stop() {
        system.shutdown(TestSupport.SHUTDOWN);
    }

    /** A watcher that watches on command and records every notice it receives. */
    private Addr<Cmd> watcher(String name) {
        return system.spawn(name, ctx -> cmd -> {
            if (cmd instanceof Watch w) {
                ctx.watch(w.target(), t -> new Gone(w.tag(), t.actor(), t.cause().orElse(null)));
            } else if (cmd instanceof Unwatch u) {
                ctx.unwatch(u.target());
            } else if (cmd instanceof Gone g) {
                notices.add(g);
            } else if (cmd instanceof Probe p) {
                p.handled().countDown();
            }
        });
    }

    /** Sends a probe and waits until it has been handled: everything sent to the watcher before it was handled too. */
    private static void sync(Addr<Cmd> watcher) {
        CountDownLatch handled = new CountDownLatch(1);
        watcher.tell(new Probe(handled));
        await(handled, "the probe");
    }

    @Test
    void normalStop_deliversAMessageOfTheWatchersOwnProtocol_withoutCause() throws Exception {
        Addr<String> target = system.spawn("target", ctx -> msg -> { });
        Addr<Cmd> w = watcher("w");
        w.tell(new Watch(target, "t"));
        sync(w);
        system.stop(target);
        awaitUntil("the notice", () -> notices.size() == 1);
        Gone g = notices.get(0);
        assertThat(g.tag()).isEqualTo("t");
        assertThat(g.who()).isEqualTo(target);
        assertThat(g.cause()).isNull();
    }

    @Test
    void failure_deliversTheCause() throws Exception {
        Addr<String> target = system.spawn("target", ctx -> msg -> {
            throw new IllegalStateException("target broke");
        });
        Addr<Cmd> w = watcher("w");
        w.tell(new Watch(target, "t"));
        sync(w);
        target.tell("boom");
        awaitUntil("the notice", () -> notices.size() == 1);
        assertThat(notices.get(0).cause()).isInstanceOf(IllegalStateException.class).hasMessage("target broke");
    }

    @Test
    void watchingAnAlreadyStoppedActor_notifiesAtOnce() throws Exception {
        Addr<String> target = system.spawn("target", ctx -> msg -> { });
        system.stop(target);
        awaitTerminated(system, target);
        Addr<Cmd> w = watcher("w");
        w.tell(new Watch(target, "late"));
        awaitUntil("the notice", () -> notices.size() == 1);
        assertThat(notices.get(0).tag()).isEqualTo("late");
        assertThat(notices.get(0).cause()).isNull();
    }

    @Test
    void whenTerminated_ofAnAlreadyStoppedActor_isAlreadyCompleteWhenItReturns() throws Exception {
        Addr<String> target = system.spawn("target", ctx -> msg -> {
            throw new IllegalStateException("died");
        });
        target.tell("x");
        awaitTerminated(system, target);
        CompletableFuture<Terminated> again = system.whenTerminated(target);
        assertThat(again).isDone();
        assertThat(again.join().cause()).get().extracting(Throwable::getMessage).isEqualTo("died");
    }

    @Test
    void restartOfTheWatchedActor_isNotATermination() throws Exception {
        AtomicInteger instances = new AtomicInteger();
        CountDownLatch restarted = new CountDownLatch(1);
        Addr<String> target = system.spawn("target", ctx -> {
            if (instances.incrementAndGet() == 2) {
                restarted.countDown();
            }
            return msg -> {
                if (msg.equals("boom")) {
                    throw new IllegalStateException("boom");
                }
            };
        }, SpawnOptions.defaults().withDecider(Decider.restart()));
        Addr<Cmd> w = watcher("w");
        w.tell(new Watch(target, "t"));
        sync(w);
        target.tell("boom");
        await(restarted, "the restart");
        system.stop(target);
        awaitUntil("the notice", () -> notices.size() == 1);
        sync(w);
        assertThat(notices).singleElement().satisfies(g -> assertThat(g.cause()).isNull());
    }

    @Test
    void unwatch_beforeTheTargetStops_meansNoNotice() throws Exception {
        Addr<String> target = system.spawn("target", ctx -> msg -> { });
        Addr<Cmd> w = watcher("w");
        w.tell(new Watch(target, "t"));
        w.tell(new Unwatch(target));
        sync(w);
        system.stop(target);
        awaitTerminated(system, target);
        sync(w);
        assertThat(notices).isEmpty();
    }

    @Test
    void everyWatcher_getsExactlyOneNotice() throws Exception {
        Addr<String> target = system.spawn("target", ctx -> msg -> { });
        List<Addr<Cmd>> watchers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Addr<Cmd> w = watcher("w" + i);
            w.tell(new Watch(target, "w" + i));
            watchers.add(w);
        }
        watchers.forEach(DeathWatchTest::sync);
        system.stop(target);
        awaitUntil("ten notices", () -> notices.size() == 10);
        watchers.forEach(DeathWatchTest::sync);
        assertThat(notices).extracting(Gone::tag)
                .containsExactlyInAnyOrder("w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9");
    }

    @Test
    void watchingTheSameTargetTwice_replacesTheMapping_andNotifiesOnce() throws Exception {
        Addr<String> target = system.spawn("target", ctx -> msg -> { });
        Addr<Cmd> w = watcher("w");
        w.tell(new Watch(target, "first"));
        w.tell(new Watch(target, "second"));
        sync(w);
        system.stop(target);
        awaitUntil("the notice", () -> notices.size() == 1);
        sync(w);
        assertThat(notices).extracting(Gone::tag).containsExactly("second");
    }

    @Test
    void watchersOfAParent_areToldAfterItsChildrenStopped() throws Exception {
        CompletableFuture<Addr<String>> child = new CompletableFuture<>();
        Addr<String> parent = system.spawn("parent", ctx -> {
            child.complete(ctx.spawn("child", c -> msg -> { }));
            return msg -> { };
        });
        Addr<String> kid = get(child);
        CompletableFuture<Terminated> kidGone = system.whenTerminated(kid);
        CompletableFuture<Terminated> parentGone = system.whenTerminated(parent);
        system.stop(parent);
        get(parentGone);
        assertThat(kidGone).as("the child had terminated when the parent's watchers were told").isDone();
    }

    @Test
    void terminatedNotice_arrivesAfterEveryMessageTheWatchedActorSentBeforeItStopped() throws Exception {
        int rounds = 200;
        int burst = 50;
        java.util.concurrent.CompletableFuture<String> done = new java.util.concurrent.CompletableFuture<>();
        system.spawn("checker", ctx -> new Actor<Object>() {
            int got;
            int round;

            /** A child that sends a burst to this actor and stops at once; this actor watches it. */
            private void startRound() {
                got = 0;
                Addr<Object> me = ctx.self();
                Addr<String> sender = ctx.spawnAnonymous(c -> {
                    for (int i = 0; i < burst; i++) {
                        me.tell("m");
                    }
                    c.stop();
                    return msg -> { };
                });
                ctx.watch(sender, t -> t);
            }

            @Override
            public void preStart() {
                startRound();
            }

            @Override
            public void receive(Object m) {
                if ("m".equals(m)) {
                    got++;
                } else if (m instanceof Terminated) {
                    if (got != burst) {
                        done.complete("round " + round + ": Terminated after " + got + " of " + burst + " messages");
                    } else if (++round == rounds) {
                        done.complete("ok");
                    } else {
                        startRound();
                    }
                }
            }
        }, SpawnOptions.defaults().withMailbox(Mailbox.unbounded()));
        assertThat(TestSupport.get(done)).isEqualTo("ok");
    }
}
