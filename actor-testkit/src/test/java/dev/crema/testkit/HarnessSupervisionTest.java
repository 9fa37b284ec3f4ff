package dev.crema.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.Decider;
import dev.crema.actor.Directive;
import dev.crema.actor.SendResult;
import dev.crema.actor.SpawnOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The harness applies the actor's decider like its parent would, and plays out children and death watch. */
class HarnessSupervisionTest {

    /** Counts; "boom" fails it; a lifecycle log shows which hooks ran on which instance. */
    static final class Counter implements Actor<String> {
        static final List<String> LIFE = new ArrayList<>();
        private static final AtomicInteger INSTANCES = new AtomicInteger();
        private final ActorContext<String> ctx;
        private final int instance = INSTANCES.incrementAndGet();
        int count;

        Counter(ActorContext<String> ctx) {
            this.ctx = ctx;
        }

        @Override
        public void preStart() {
            LIFE.add(instance + ":preStart");
            ctx.spawn("helper", c -> m -> { });
            ctx.timers().startPeriodic("tick", "tick", Duration.ofSeconds(1));
        }

        @Override
        public void receive(String m) {
            if (m.equals("boom")) {
                throw new IllegalStateException("boom");
            }
            if (!m.equals("tick")) {
                count++;
            }
        }

        @Override
        public void preRestart(Throwable cause, Object failedMessage) {
            LIFE.add(instance + ":preRestart(" + cause.getMessage() + ", " + failedMessage + ")");
        }

        @Override
        public void postRestart(Throwable cause) {
            LIFE.add(instance + ":postRestart(" + cause.getMessage() + ")");
        }

        @Override
        public void postStop() {
            LIFE.add(instance + ":postStop");
        }
    }

    private static ActorHarness<String> counter(Decider decider) {
        Counter.LIFE.clear();
        return ActorHarness.of("counter", Counter::new, SpawnOptions.defaults().withDecider(decider));
    }

    @Test
    void resume_keepsTheInstanceAndItsState_andTheFailedMessageIsADeadLetter() {
        ActorHarness<String> h = counter(Decider.resume());
        Actor<String> before = h.instance();
        h.tell("a");
        h.tell("boom");
        h.tell("b");

        assertThat(h.instance()).isSameAs(before);
        assertThat(((Counter) h.instance()).count).isEqualTo(2);
        Effect.Failed failed = only(h, Effect.Failed.class);
        assertThat(failed.directive()).isEqualTo(Directive.RESUME);
        assertThat(failed.message()).isEqualTo("boom");
        assertThat(h.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.reason()).isEqualTo(DeadLetterReason.FAILED);
            assertThat(dl.message()).isEqualTo("boom");
            assertThat(dl.cause()).isSameAs(failed.cause());
        });
        assertThat(Counter.LIFE).containsExactly(id(before) + ":preStart");
    }

    @Test
    void restart_rebuildsFromTheFactory_withTheHooks_stopsChildren_andCancelsTimers() {
        ActorHarness<String> h = counter(Decider.restart());
        Actor<String> before = h.instance();
        TestInbox<Object> oldHelper = h.childInbox("helper");
        h.tell("a");
        h.tell("boom");

        Actor<String> after = h.instance();
        assertThat(after).isNotSameAs(before);
        assertThat(((Counter) after).count).as("fresh state").isZero();
        assertThat(Counter.LIFE).containsExactly(id(before) + ":preStart",
                id(before) + ":preRestart(boom, boom)", id(after) + ":postRestart(boom)");
        assertThat(only(h, Effect.Failed.class).directive()).isEqualTo(Directive.RESTART);
        assertThat(oldHelper.isStopped()).as("children are stopped by a restart").isTrue();
        assertThat(oldHelper.trySend("x")).isEqualTo(SendResult.STOPPED);
        assertThat(h.children()).as("Counter's postRestart does not call preStart: no new helper").isEmpty();
        assertThat(h.activeTimers()).as("timers are cancelled by a restart").isEmpty();
        h.advance(Duration.ofSeconds(10));
        assertThat(((Counter) after).count).isZero();
    }

    @Test
    void stop_runsPostStop_andWhatComesAfterIsADeadLetter() {
        ActorHarness<String> h = counter(Decider.stop());
        h.tell("boom");
        h.tell("after");

        assertThat(h.isStopped()).isTrue();
        assertThat(Counter.LIFE).endsWith(id(h.instance()) + ":postStop");
        assertThat(h.childInbox("helper").isStopped()).isTrue();
        assertThat(h.deadLetters()).extracting(dl -> dl.reason() + " " + dl.message())
                .containsExactly("FAILED boom", "STOPPED after");
        assertThat(h.self().trySend("more")).isEqualTo(SendResult.STOPPED);
    }

    @Test
    void aFactoryThatFails_isRestartedByARestartDecider_andAHopelessOneIsReportedNotLoopedForever() {
        AtomicInteger attempts = new AtomicInteger();
        ActorHarness<String> h = ActorHarness.of("flaky", ctx -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return m -> { };
        }, SpawnOptions.defaults().withDecider(Decider.restart()));
        assertThat(attempts).hasValue(3);
        assertThat(h.effects()).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(Effect.Failed.class));
        assertThat(h.isStopped()).isFalse();

        assertThatThrownBy(() -> ActorHarness.of("hopeless", ctx -> {
            throw new IllegalStateException("never");
        }, SpawnOptions.defaults().withDecider(Decider.restart()))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed to start 100 times in a row").cause().hasMessage("never");
    }

    @Test
    void fatalErrors_areThrownToTheTest_neverSupervised() {
        ActorHarness<String> h = ActorHarness.of("fatal", ctx -> m -> {
            throw new OutOfMemoryError("pretend");
        }, SpawnOptions.defaults().withDecider(Decider.resume()));
        assertThatThrownBy(() -> h.tell("x")).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void aDeciderThatThrows_stopsTheActor_andIsRecorded() {
        ActorHarness<String> h = ActorHarness.of("d", ctx -> m -> {
            throw new IllegalStateException(m);
        }, SpawnOptions.defaults().withDecider(cause -> {
            throw new IllegalArgumentException("bad decider");
        }));
        h.tell("x");
        assertThat(h.expectEffect(Effect.HookFailed.class).hook()).isEqualTo("decider");
        assertThat(h.expectEffect(Effect.Failed.class).directive()).isEqualTo(Directive.STOP);
        assertThat(h.isStopped()).isTrue();
    }

    // ------------------------------------------------------------------ children and death watch

    sealed interface Cmd {
    }

    record Hire(String name) implements Cmd {
    }

    record Fire(String name) implements Cmd {
    }

    record Watch(Addr<?> who) implements Cmd {
    }

    record Unwatch(Addr<?> who) implements Cmd {
    }

    record Gone(Addr<?> who, boolean failed) implements Cmd {
    }

    /** Hires children (and watches them), fires them, watches others; records who is gone. */
    static final class Boss implements Actor<Cmd> {
        private final ActorContext<Cmd> ctx;
        final List<Gone> gone = new ArrayList<>();

        Boss(ActorContext<Cmd> ctx) {
            this.ctx = ctx;
        }

        @Override
        public void receive(Cmd c) {
            if (c instanceof Hire h) {
                ctx.watch(ctx.spawn(h.name(), Counter::new), t -> new Gone(t.actor(), t.isFailure()));
            } else if (c instanceof Fire f) {
                ctx.children().stream().filter(a -> a.path().endsWith("/" + f.name())).findFirst().ifPresent(ctx::stop);
            } else if (c instanceof Watch w) {
                ctx.watch(w.who(), t -> new Gone(t.actor(), t.isFailure()));
            } else if (c instanceof Unwatch u) {
                ctx.unwatch(u.who());
            } else if (c instanceof Gone g) {
                gone.add(g);
            }
        }
    }

    @Test
    void spawnedChildren_areInboxes_andStoppingAWatchedOneDeliversItsNotice() {
        ActorHarness<Cmd> h = ActorHarness.of("boss", Boss::new);
        h.tell(new Hire("alice"));

        Effect.Spawned spawned = h.expectEffect(Effect.Spawned.class);
        assertThat(spawned.name()).isEqualTo("alice");
        TestInbox<String> alice = h.childInbox("alice");
        assertThat(spawned.child()).isSameAs(alice);
        assertThat(alice.path()).isEqualTo("crema://harness/user/boss/alice");
        h.expectEffect(new Effect.Watched(alice));

        h.tell(new Fire("alice"));

        h.expectEffect(new Effect.Stopped(alice));
        assertThat(((Boss) h.instance()).gone).containsExactly(new Gone(alice, false));
        assertThat(h.children()).isEmpty();
        alice.tell("late");
        assertThat(h.deadLetters()).extracting(dl -> dl.reason() + " " + dl.recipient())
                .containsExactly("STOPPED crema://harness/user/boss/alice");
    }

    @Test
    void signalTerminated_deliversTheNoticeOfAWatchedActor_withItsCause_once() {
        ActorHarness<Cmd> h = ActorHarness.of("boss", Boss::new);
        TestInbox<String> stranger = TestInbox.create("stranger");
        h.tell(new Watch(stranger));

        h.signalTerminated(stranger, new IllegalStateException("crashed"));

        assertThat(((Boss) h.instance()).gone).containsExactly(new Gone(stranger, true));
        assertThatThrownBy(() -> h.signalTerminated(stranger)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is neither watched by nor a live child of crema://harness/user/boss");
        h.tell(new Watch(stranger));
        assertThat(((Boss) h.instance()).gone).as("watching an actor known to have stopped notifies at once")
                .hasSize(2);
    }

    @Test
    void unwatch_meansNoNotice() {
        ActorHarness<Cmd> h = ActorHarness.of("boss", Boss::new);
        h.tell(new Hire("bob"));
        TestInbox<String> bob = h.childInbox("bob");
        h.tell(new Unwatch(bob));
        h.signalTerminated(bob);
        assertThat(((Boss) h.instance()).gone).isEmpty();
        assertThat(h.effects()).contains(new Effect.Unwatched(bob));
    }

    @Test
    void anonymousChildren_getGeneratedNames_andNamesAreChecked() {
        ActorHarness<String> h = ActorHarness.of(ctx -> m -> {
            if (m.equals("anon")) {
                ctx.spawnAnonymous(c -> x -> { });
            } else {
                ctx.spawn(m, c -> x -> { });
            }
        });
        h.tell("anon");
        h.tell("anon");
        assertThat(h.childInbox("$2").path()).endsWith("/$2");
        h.tell("twin");
        h.tell("twin");
        assertThat(h.effects()).filteredOn(Effect.Failed.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((Effect.Failed) e).cause()).hasMessageContaining("already taken"));
    }

    private static String id(Actor<?> a) {
        return String.valueOf(((Counter) a).instance);
    }

    private static <E extends Effect> E only(ActorHarness<?> h, Class<E> type) {
        List<E> found = h.effects().stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
