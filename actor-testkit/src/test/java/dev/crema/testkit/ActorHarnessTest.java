package dev.crema.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.Addr;
import dev.crema.actor.AskTimeoutException;
import dev.crema.actor.BatchActor;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.SendResult;
import dev.crema.actor.Timers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The synchronous harness: messages, effects, timers on virtual time, asks, batches, confinement. */
class ActorHarnessTest {

    sealed interface Msg {
    }

    record Greet(String name, Addr<String> replyTo) implements Msg {
    }

    record Remind(String what, Duration in, Addr<String> replyTo) implements Msg {
    }

    record Every(String what, Duration interval, Addr<String> replyTo) implements Msg {
    }

    record Forget(String what) implements Msg {
    }

    record Echo(String text) implements Msg {
    }

    /** Greets; sets reminders (single timers) and repeats (periodic ones); forgets them on request. */
    static final class Assistant implements Actor<Msg> {
        private final ActorContext<Msg> ctx;
        private final List<String> log = new ArrayList<>();

        Assistant(ActorContext<Msg> ctx) {
            this.ctx = ctx;
        }

        @Override
        public void receive(Msg msg) {
            log.add(msg.toString());
            if (msg instanceof Greet g) {
                g.replyTo().tell("hello " + g.name());
                ctx.self().tell(new Echo("greeted " + g.name())); // handled after this message, before tell returns
            } else if (msg instanceof Remind r) {
                ctx.timers().startSingle(r.what(), new Greet(r.what(), r.replyTo()), r.in());
            } else if (msg instanceof Every e) {
                ctx.timers().startPeriodic(e.what(), new Greet(e.what(), e.replyTo()), e.interval());
            } else if (msg instanceof Forget f) {
                ctx.timers().cancel(f.what());
            }
        }
    }

    @Test
    void tell_handlesTheMessage_andWhatItSendsItself_beforeReturning() {
        ActorHarness<Msg> h = ActorHarness.of("assistant", Assistant::new);
        TestInbox<String> you = TestInbox.create("you");

        h.tell(new Greet("Ada", you));

        you.expectMessage("hello Ada");
        you.expectNoMessages();
        assertThat(((Assistant) h.instance()).log).containsExactly("Greet[name=Ada, replyTo=crema://harness/user/you]",
                "Echo[text=greeted Ada]");
        assertThat(h.path()).isEqualTo("crema://harness/user/assistant");
        h.expectNoEffects();
    }

    @Test
    void singleTimer_firesOnlyWhenVirtualTimeReachesIt_andIsRecordedAsAnEffect() {
        ActorHarness<Msg> h = ActorHarness.of(Assistant::new);
        TestInbox<String> you = TestInbox.create("you");

        h.tell(new Remind("tea", Duration.ofMinutes(5), you));

        Effect.TimerStarted started = h.expectEffect(Effect.TimerStarted.class);
        assertThat(started.key()).isEqualTo("tea");
        assertThat(started.delay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(started.periodic()).isFalse();
        assertThat(h.activeTimers()).containsExactly("tea");
        h.advance(Duration.ofMinutes(4));
        you.expectNoMessages();
        h.advance(Duration.ofMinutes(1));
        you.expectMessage("hello tea");
        assertThat(h.activeTimers()).isEmpty();
        assertThat(h.elapsed()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void timers_fireInDeadlineOrder_periodicOnesRepeat_andACancelledOneNeverDelivers() {
        ActorHarness<Msg> h = ActorHarness.of(Assistant::new);
        TestInbox<String> you = TestInbox.create("you");
        h.tell(new Every("tick", Duration.ofSeconds(2), you));
        h.tell(new Remind("b", Duration.ofSeconds(3), you));
        h.tell(new Remind("a", Duration.ofSeconds(1), you));

        h.advance(Duration.ofSeconds(4));
        assertThat(you.receiveAll()).containsExactly("hello a", "hello tick", "hello b", "hello tick");

        h.tell(new Forget("tick"));
        h.advance(Duration.ofMinutes(1));
        you.expectNoMessages();
        assertThat(h.effects()).filteredOn(Effect.TimerCancelled.class::isInstance)
                .containsExactly(new Effect.TimerCancelled("tick"));
    }

    @Test
    void aTimerCancelledOrReplacedByAnEarlierTick_neverDelivers_evenDueAtTheSameInstant() {
        List<String> seen = new ArrayList<>();
        ActorHarness<String> h = ActorHarness.of(ctx -> {
            ctx.timers().startSingle("first", "first", Duration.ofSeconds(1));
            ctx.timers().startSingle("second", "second", Duration.ofSeconds(1));
            ctx.timers().startSingle("replaced", "old", Duration.ofSeconds(1));
            return m -> {
                seen.add(m);
                if (m.equals("first")) {
                    ctx.timers().cancel("second");
                    ctx.timers().startSingle("replaced", "new", Duration.ofSeconds(1));
                }
            };
        });

        h.advance(Duration.ofSeconds(5));

        assertThat(seen).containsExactly("first", "new");
        assertThat(h.effects()).containsSubsequence(new Effect.TimerCancelled("second"),
                new Effect.TimerStarted("replaced", "new", Duration.ofSeconds(1), false));
    }

    @Test
    void timers_areConfinedToTheHarnessThread() throws Exception {
        CompletableFuture<Timers<String>> leaked = new CompletableFuture<>();
        ActorHarness.<String>of(ctx -> {
            leaked.complete(ctx.timers());
            return m -> { };
        });
        Timers<String> timers = leaked.get();
        CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
            try {
                timers.startSingle("k", "x", Duration.ofSeconds(1));
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        });
        assertThat(failure.get(10, TimeUnit.SECONDS)).hasMessageContaining("timers of crema://harness/user/actor may"
                + " only be used from the thread that runs its ActorHarness");
    }

    record Ask(Addr<Question> expert, Addr<String> replyTo) {
    }

    record Question(String text, Addr<String> replyTo) {
    }

    /** Asks an expert and passes the answer on, or says it gave up. */
    static Actor<Ask> asker(ActorContext<Ask> ctx) {
        return ask -> ask.expert().ask(String.class, me -> new Question("why?", me), Duration.ofSeconds(30))
                .whenComplete((answer, failure) -> ask.replyTo().tell(failure == null ? "answer: " + answer
                        : "gave up: " + (failure instanceof CompletionException c ? c.getCause() : failure)
                        .getClass().getSimpleName()));
    }

    @Test
    void askOfAnInbox_theTestAnswers_orItTimesOutOnVirtualTime_andALateAnswerIsADeadLetter() {
        ActorHarness<Ask> h = ActorHarness.of("asker", ActorHarnessTest::asker);
        TestInbox<Question> expert = TestInbox.create("expert");
        TestInbox<String> you = TestInbox.create("you");

        h.tell(new Ask(expert, you));
        expert.expectMessage(Question.class).replyTo().tell("because");
        you.expectMessage("answer: because");

        h.tell(new Ask(expert, you));
        Question unanswered = expert.expectMessage(Question.class);
        h.advance(Duration.ofSeconds(29));
        you.expectNoMessages();
        h.advance(Duration.ofSeconds(1));
        you.expectMessage("gave up: " + AskTimeoutException.class.getSimpleName());
        unanswered.replyTo().tell("too late");
        assertThat(h.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.reason()).isEqualTo(DeadLetterReason.LATE_REPLY);
            assertThat(dl.message()).isEqualTo("too late");
        });
    }

    @Test
    void askOfAnInbox_fromOutsideAHarness_isRefusedWithTheWayOut() {
        TestInbox<Question> expert = TestInbox.create("expert");
        assertThatThrownBy(() -> expert.ask(String.class, me -> new Question("?", me), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("use a TestProbe");
    }

    @Test
    void batchActor_getsWhatWasWaitingAsOneBatch() {
        List<List<Integer>> batches = new ArrayList<>();
        ActorHarness<Integer> h = ActorHarness.of(ctx -> new BatchActor<Integer>() {
            @Override
            public void receiveBatch(List<Integer> batch) {
                batches.add(List.copyOf(batch));
            }

            @Override
            public int maxBatch() {
                return 3;
            }
        });
        h.tellAll(List.of(1, 2, 3, 4));
        h.tell(5);
        assertThat(batches).containsExactly(List.of(1, 2, 3), List.of(4), List.of(5));
    }

    @Test
    void selfSentFromAnotherThread_isHandledAtTheNextCall() throws Exception {
        List<String> seen = new ArrayList<>();
        ActorHarness<String> h = ActorHarness.of(ctx -> seen::add);
        CompletableFuture.runAsync(() -> h.self().tell("from afar")).get(10, TimeUnit.SECONDS);
        assertThat(seen).isEmpty();
        h.run();
        assertThat(seen).containsExactly("from afar");
        assertThat(h.self().trySend("again")).isEqualTo(SendResult.ACCEPTED);
        assertThat(seen).containsExactly("from afar", "again");
    }

    @Test
    void ctxSystem_isNotThere_andSaysWhatToUseInstead() {
        ActorHarness<String> h = ActorHarness.of(ctx -> m -> ctx.system());
        h.tell("x");
        assertThat(h.expectEffect(Effect.Failed.class).cause()).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("tested with ActorTestKit and TestProbe");
    }

    @Test
    void effectExpectations_sayWhatCameInstead() {
        ActorHarness<Msg> h = ActorHarness.of(Assistant::new);
        TestInbox<String> you = TestInbox.create("you");
        h.tell(new Remind("tea", Duration.ofMinutes(5), you));
        assertThatThrownBy(() -> h.expectEffect(Effect.Spawned.class)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected an effect of type Spawned, but the next effect was TimerStarted[key=tea");
        assertThatThrownBy(() -> h.expectEffect(Effect.Watched.class))
                .hasMessageContaining("the actor has had no effect since the last one taken");
        assertThatThrownBy(() -> you.expectMessage("hello")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("TestInbox crema://harness/user/you: expected \"hello\", but no message was sent to it");
    }

    @Test
    void badInput_isRefused() {
        ActorHarness<String> h = ActorHarness.of(ctx -> m -> { });
        assertThatThrownBy(() -> h.tell(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> h.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time only moves forward");
        assertThatThrownBy(() -> ActorHarness.of("a/b", ctx -> m -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.childInbox("nobody")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("no child named 'nobody' was spawned");
        ActorHarness<String> timer = ActorHarness.of(ctx -> m -> ctx.timers().startSingle("k", m, Duration.ZERO));
        timer.tell("x");
        assertThat(timer.expectEffect(Effect.Failed.class).cause()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timer delay must be positive");
    }
}
