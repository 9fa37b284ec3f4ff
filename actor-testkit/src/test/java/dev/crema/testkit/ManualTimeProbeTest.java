package dev.crema.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crema.actor.Addr;
import dev.crema.actor.AskTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Probes on a manual clock wait for quiet, not for real time: a message still in flight is seen (pekko#3235),
 * and a message that cannot come until time moves fails the expectation at once. The default timeout here is
 * an hour, and every test is bounded by 30 s: none of them waits for real time.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ManualTimeProbeTest {

    private final ActorTestKit kit = ActorTestKit.create(TestKitConfig.defaults().withSystemName("manual")
            .withManualClock().withDefaultTimeout(Duration.ofHours(1)));

    @AfterEach
    void close() {
        kit.close();
    }

    /** Passes each message on to the next hop, {@code hops} times, then to the probe. */
    private Addr<String> chain(int hops, Addr<String> end) {
        Addr<String> next = end;
        for (int i = hops; i > 0; i--) {
            Addr<String> to = next;
            next = kit.spawn("hop-" + i, ctx -> to::tell);
        }
        return next;
    }

    @Test
    void expectNoMessage_firstLetsEveryMessageInFlightBeHandled_soALateOneIsCaught() {
        TestProbe<String> end = kit.probe("end");
        chain(20, end).tell("still on its way");

        assertThatThrownBy(end::expectNoMessage).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected no message (manual clock at 0 us: waited for the system to go quiet)")
                .hasMessageContaining("but received \"still on its way\"");
    }

    @Test
    void expectMessage_failsAtOnce_whenTheSystemIsQuiet_sayingThatTimeMustMove() {
        TestProbe<String> p = kit.probe("p");
        kit.spawn("later", String.class, ctx -> {
            ctx.timers().startSingle("k", "a minute from now", Duration.ofMinutes(1));
            return p::tell;
        });

        assertThatThrownBy(() -> p.expectMessage("a minute from now")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("but nothing arrived before the system went quiet")
                .hasMessageContaining("nothing more arrives until the test moves time with advance(...)");
        kit.advance(Duration.ofMinutes(1));
        p.expectMessage("a minute from now");
    }

    @Test
    void timers_fireWhenTheTestMovesTime_andTheProbeSeesWhatTheyCause() {
        TestProbe<String> p = kit.probe("p");
        kit.spawn("clock", String.class, ctx -> {
            ctx.timers().startPeriodic("tick", "tick", Duration.ofMinutes(15));
            return p::tell;
        });

        kit.expectNoMessageFor(Duration.ofMinutes(14), p);
        kit.advance(Duration.ofMinutes(1));
        p.expectMessage("tick");
        kit.advance(Duration.ofHours(1));
        assertThat(p.receiveMessages(4)).containsOnly("tick");
        p.expectNoMessage();
        assertThat(kit.clock().elapsed()).isEqualTo(Duration.ofMinutes(75));
    }

    record Question(Addr<String> replyTo) {
    }

    @Test
    void askOfAProbe_timesOutOnManualTime() throws Exception {
        TestProbe<Question> silent = kit.probe("silent");
        CompletableFuture<String> answer = silent.ask(String.class, Question::new, Duration.ofSeconds(30));
        silent.expectMessage(Question.class);

        kit.advance(Duration.ofSeconds(29));
        assertThat(answer).isNotDone();
        kit.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(AskTimeoutException.class);
    }

    @Test
    void expectTerminated_onManualTime_waitsForQuiet_orSaysTheActorIsAlive() {
        TestProbe<String> p = kit.probe("p");
        Addr<String> a = kit.spawn("a", ctx -> m -> ctx.stop());
        Addr<String> b = kit.spawn("b", ctx -> m -> { });
        a.tell("stop, please");

        assertThat(p.expectTerminated(a).isFailure()).isFalse();
        assertThatThrownBy(() -> p.expectTerminated(b)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("but it was still alive when the system went quiet");
    }

    @Test
    void verify_onManualTime_countsWhatWasInFlight() {
        chain(10, kit.spawn("sink", ctx -> m -> {
            throw new IllegalStateException("sink broke");
        })).tell("x");

        assertThatThrownBy(kit::verify).isInstanceOf(AssertionError.class)
                .hasMessageContaining("failure: crema://manual/user/sink failed on \"x\"")
                .cause().hasMessage("sink broke");
    }
}
