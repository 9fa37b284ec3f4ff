package dev.crema.actor;

import static dev.crema.actor.TestSupport.await;
import static dev.crema.actor.TestSupport.awaitTerminated;
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

/** Spec point 1: pre-start, post-stop, pre-restart (cause and failing message), post-restart. */
class LifecycleHooksTest {

    private ActorSystem system;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        system = TestSupport.newSystem("hooks");
    }

    @AfterEach
    void stop() {
        system.shutdown(TestSupport.SHUTDOWN);
    }

    /** Records every hook with its instance number. */
    final class Hooked implements Actor<String> {
        private final int instance;

        Hooked(int instance) {
            this.instance = instance;
            events.add("create#" + instance);
        }

        @Override
        public void preStart() {
            events.add("preStart#" + instance);
        }

        @Override
        public void receive(String msg) throws Exception {
            events.add("receive#" + instance + ":" + msg);
            if (msg.startsWith("boom")) {
                throw new Exception(msg);
            }
        }

        @Override
        public void preRestart(Throwable cause, Object failedMessage) {
            events.add("preRestart#" + instance + ":" + cause.getMessage() + ":" + failedMessage);
        }

        @Override
        public void postRestart(Throwable cause) {
            events.add("postRestart#" + instance + ":" + cause.getMessage());
        }

        @Override
        public void postStop() {
            events.add("postStop#" + instance);
        }
    }

    @Test
    void hooks_runInTheDocumentedOrder_acrossARestartAndAStop() throws Exception {
        AtomicInteger instances = new AtomicInteger();
        Addr<String> a = system.spawn("hooked", ctx -> new Hooked(instances.incrementAndGet()),
                SpawnOptions.defaults().withDecider(Decider.restart()));
        a.tell("one");
        a.tell("boom-1");
        a.tell("two");
        CompletableFuture<Terminated> terminated = system.whenTerminated(a);
        TestSupport.awaitUntil("'two' handled", () -> events.contains("receive#2:two"));
        system.stop(a);
        get(terminated);
        assertThat(events).containsExactly(
                "create#1", "preStart#1",
                "receive#1:one", "receive#1:boom-1",
                "preRestart#1:boom-1:boom-1",
                "create#2", "postRestart#2:boom-1",
                "receive#2:two",
                "postStop#2");
    }

    @Test
    void preStart_runsBeforeTheFirstMessage_evenIfMessagesWereSentBeforeTheFactoryRan() throws Exception {
        Addr<String> a = system.spawn("early", ctx -> new Hooked(1));
        for (int i = 0; i < 5; i++) {
            a.tell("m" + i); // sent right after spawn returned, probably before the factory ran
        }
        TestSupport.awaitUntil("five messages", () -> events.size() == 7);
        assertThat(events).containsExactly("create#1", "preStart#1",
                "receive#1:m0", "receive#1:m1", "receive#1:m2", "receive#1:m3", "receive#1:m4");
    }

    /** Only receive is overridden: the defaults must chain preRestart to postStop and postRestart to preStart. */
    final class Defaults implements Actor<String> {
        private final int instance;

        Defaults(int instance) {
            this.instance = instance;
        }

        @Override
        public void preStart() {
            events.add("preStart#" + instance);
        }

        @Override
        public void postStop() {
            events.add("postStop#" + instance);
        }

        @Override
        public void receive(String msg) {
            events.add("receive#" + instance + ":" + msg);
            if (msg.equals("boom")) {
                throw new IllegalStateException("boom");
            }
        }
    }

    @Test
    void defaultPreRestart_callsPostStop_andDefaultPostRestart_callsPreStart() throws Exception {
        AtomicInteger instances = new AtomicInteger();
        Addr<String> a = system.spawn("defaults", ctx -> new Defaults(instances.incrementAndGet()),
                SpawnOptions.defaults().withDecider(Decider.restart()));
        a.tell("boom");
        a.tell("after");
        TestSupport.awaitUntil("'after' handled", () -> events.contains("receive#2:after"));
        assertThat(events).containsExactly("preStart#1", "receive#1:boom", "postStop#1", "preStart#2",
                "receive#2:after");
    }

    @Test
    void preRestart_getsNullFailedMessage_whenTheActorFailedWhileStarting() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        CompletableFuture<Object[]> preRestart = new CompletableFuture<>();
        CountDownLatch handled = new CountDownLatch(1);
        system.<String>spawn("startfail", ctx -> new Actor<String>() {
            @Override
            public void preStart() {
                if (starts.incrementAndGet() == 1) {
                    throw new IllegalStateException("cannot start");
                }
            }

            @Override
            public void receive(String msg) {
                handled.countDown();
            }

            @Override
            public void preRestart(Throwable cause, Object failedMessage) {
                preRestart.complete(new Object[] {cause, failedMessage});
            }
        }, SpawnOptions.defaults().withDecider(Decider.restart())).tell("hello");
        Object[] args = get(preRestart);
        assertThat((Throwable) args[0]).hasMessage("cannot start");
        assertThat(args[1]).isNull();
        await(handled, "the restarted instance to handle the queued message");
        assertThat(starts.get()).isEqualTo(2);
    }

    @Test
    void factory_runsAgainOnRestart_soStateStartsClean() throws Exception {
        CompletableFuture<Integer> countSeenAfterRestart = new CompletableFuture<>();
        Addr<String> a = system.spawn("clean", ctx -> new Actor<String>() {
            private int count;

            @Override
            public void receive(String msg) {
                count++;
                if (msg.equals("boom")) {
                    throw new IllegalStateException("boom");
                }
                if (msg.equals("report")) {
                    countSeenAfterRestart.complete(count);
                }
            }
        }, SpawnOptions.defaults().withDecider(Decider.restart()));
        a.tell("x");
        a.tell("y");
        a.tell("boom");
        a.tell("report");
        assertThat(get(countSeenAfterRestart)).isEqualTo(1);
    }

    @Test
    void postStop_ofAParent_runsAfterAllItsChildrenStopped_inReverseStartOrder() throws Exception {
        Addr<String> parent = system.spawn("parent", ctx -> {
            for (String name : List.of("c1", "c2", "c3")) {
                ctx.<String>spawn(name, c -> new Actor<String>() {
                    @Override
                    public void receive(String msg) {
                    }

                    @Override
                    public void postStop() {
                        events.add("postStop " + name);
                    }
                });
            }
            return new Actor<String>() {
                @Override
                public void receive(String msg) {
                }

                @Override
                public void postStop() {
                    events.add("postStop parent");
                }
            };
        });
        system.stop(parent); // the factory runs first: a new actor is built before its system messages

        awaitTerminated(system, parent);
        assertThat(events).containsExactly("postStop c3", "postStop c2", "postStop c1", "postStop parent");
    }

    @Test
    void restart_stopsTheOldInstancesChildren_beforeTheNewInstanceStarts() throws Exception {
        AtomicInteger instances = new AtomicInteger();
        CountDownLatch secondStarted = new CountDownLatch(1);
        Addr<String> parent = system.spawn("parent", ctx -> {
            int n = instances.incrementAndGet();
            events.add("create parent#" + n);
            ctx.<String>spawn("kid", c -> new Actor<String>() {
                @Override
                public void receive(String msg) {
                }

                @Override
                public void postStop() {
                    events.add("postStop kid of #" + n);
                }
            });
            if (n == 2) {
                secondStarted.countDown();
            }
            return msg -> {
                throw new IllegalStateException("boom");
            };
        }, SpawnOptions.defaults().withDecider(Decider.restart()));
        parent.tell("fail");
        await(secondStarted, "the second instance");
        assertThat(events).containsExactly("create parent#1", "postStop kid of #1", "create parent#2");
    }

    @Test
    void throwingPostStop_isLoggedAtError_andTheActorStopsAnyway() throws Exception {
        try (TestSupport.LogCapture log = new TestSupport.LogCapture()) {
            Addr<String> a = system.spawn("badstop", ctx -> new Actor<String>() {
                @Override
                public void receive(String msg) {
                }

                @Override
                public void postStop() {
                    throw new IllegalStateException("cleanup failed");
                }
            });
            system.stop(a);
            Terminated t = awaitTerminated(system, a);
            assertThat(t.isFailure()).isFalse();
            TestSupport.awaitUntil("the ERROR line", () -> !log.lines(
                    l -> l.contains("ERROR") && l.contains("crema://hooks/user/badstop")).isEmpty());
            assertThat(log.text()).contains("cleanup failed");
        }
    }

    @Test
    void throwingPreRestart_isLogged_andTheRestartStillHappens() throws Exception {
        AtomicInteger instances = new AtomicInteger();
        CountDownLatch secondHandled = new CountDownLatch(1);
        try (TestSupport.LogCapture log = new TestSupport.LogCapture()) {
            Addr<String> a = system.spawn("badrestart", ctx -> {
                int n = instances.incrementAndGet();
                return new Actor<String>() {
                    @Override
                    public void receive(String msg) {
                        if (n == 1) {
                            throw new IllegalStateException("first fails");
                        }
                        secondHandled.countDown();
                    }

                    @Override
                    public void preRestart(Throwable cause, Object failedMessage) {
                        throw new IllegalStateException("preRestart failed");
                    }
                };
            }, SpawnOptions.defaults().withDecider(Decider.restart()));
            a.tell("one");
            a.tell("two");
            await(secondHandled, "the new instance");
            assertThat(instances.get()).isEqualTo(2);
            TestSupport.awaitUntil("the ERROR line", () -> log.text().contains("preRestart failed"));
        }
    }
}
