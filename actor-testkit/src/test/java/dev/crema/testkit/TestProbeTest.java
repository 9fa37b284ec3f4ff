package dev.crema.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crema.actor.ActorContext;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.Decider;
import dev.crema.actor.RegistryKey;
import dev.crema.actor.SendResult;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.Terminated;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probe on real time: what it records, how it fails, and what it says when it does. */
class TestProbeTest {

    private static final Duration SHORT = Duration.ofMillis(200);

    private final ActorTestKit kit = ActorTestKit.create(TestKitConfig.defaults().withSystemName("probes"));

    @AfterEach
    void close() {
        kit.close();
    }

    record Ping(String text, Addr<String> replyTo) {
    }

    private Addr<Ping> echo() {
        return kit.spawn("echo", ctx -> ping -> ping.replyTo().tell("echo " + ping.text()));
    }

    @Test
    void expectMessage_byValue_byType_byCondition_inOrderOfArrival() {
        TestProbe<String> replies = kit.probe("replies");
        Addr<Ping> echo = echo();
        echo.tell(new Ping("a", replies));
        echo.tell(new Ping("b", replies));
        echo.tell(new Ping("c", replies));

        assertThat(replies.expectMessage("echo a")).isEqualTo("echo a");
        assertThat(replies.expectMessage(String.class)).isEqualTo("echo b");
        assertThat(replies.expectMessage(s -> s.endsWith("c"))).isEqualTo("echo c");
        replies.expectNoMessage();
    }

    @Test
    void expectMessage_failure_saysWhatWasExpected_whatArrived_andWhen() {
        TestProbe<String> replies = kit.probe("replies");
        replies.tell("hello");
        replies.expectMessage("hello");
        replies.tell("one mocha");

        assertThatThrownBy(() -> replies.expectMessage("one latte", SHORT))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("TestProbe crema://probes/user/replies: expected \"one latte\" within 200 ms")
                .hasMessageContaining("but received \"one mocha\"")
                .hasMessageContaining("taken before (last 1): \"hello\" at +");
    }

    @Test
    void expectMessage_timeout_saysHowLongItWaited() {
        TestProbe<Integer> numbers = kit.probe("numbers");

        assertThatThrownBy(() -> numbers.expectMessage(Integer.class, SHORT))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected a message of class java.lang.Integer within 200 ms")
                .hasMessageMatching("(?s).*but nothing arrived in \\d+ ms.*");
    }

    @Test
    void expectMessage_ofTheWrongType_namesTheTypeThatCame() {
        TestProbe<Object> any = kit.probe("any");
        any.tell(42);

        assertThatThrownBy(() -> any.expectMessage(String.class, SHORT))
                .hasMessageContaining("expected a message of class java.lang.String")
                .hasMessageContaining("but received 42 (Integer)");
    }

    @Test
    void expectNoMessage_failsOnAMessage() {
        TestProbe<String> p = kit.probe("p");
        p.tell("surprise");

        assertThatThrownBy(p::expectNoMessage).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected no message within 100 ms")
                .hasMessageContaining("but received \"surprise\"");
    }

    @Test
    void receiveMessages_takesN_orSaysHowManyCame() {
        TestProbe<Integer> p = kit.probe("p");
        for (int i = 1; i <= 3; i++) {
            p.tell(i);
        }
        assertThat(p.receiveMessages(2)).containsExactly(1, 2);
        assertThatThrownBy(() -> p.receiveMessages(2, SHORT))
                .hasMessageContaining("expected 2 messages within 200 ms")
                .hasMessageContaining("but only 1 arrived in").hasMessageContaining("[3 (Integer)]");
        assertThatThrownBy(() -> p.receiveMessages(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1, got 0");
    }

    @Test
    void fishForMessage_skipsTheRest_andListsThemWhenNothingMatches() {
        TestProbe<Integer> p = kit.probe("p");
        for (int i = 1; i <= 5; i++) {
            p.tell(i);
        }
        assertThat(p.fishForMessage(n -> n % 4 == 0)).isEqualTo(4);
        assertThat(p.receiveMessage()).isEqualTo(5);
        p.tell(7);
        assertThatThrownBy(() -> p.fishForMessage(n -> n > 10, SHORT))
                .hasMessageContaining("but none did in").hasMessageContaining("skipped 1: [7 (Integer)]");
    }

    @Test
    void ask_onAProbe_theTestAnswersThroughTheReplyHandle() throws Exception {
        TestProbe<Ping> cashier = kit.probe("cashier");
        CompletableFuture<String> answer = cashier.ask(String.class, me -> new Ping("pay", me), Duration.ofSeconds(10));

        cashier.expectMessage(Ping.class).replyTo().tell("paid");

        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("paid");
    }

    @Test
    void probe_isWatchable_andStoppingItTellsItsWatchers() throws Exception {
        TestProbe<String> target = kit.probe("target");
        TestProbe<Terminated> watcherSaw = kit.probe("watcher-saw");
        kit.spawn("watcher", Object.class, (ActorContext<Object> ctx) -> {
            ctx.watch(target, t -> t);
            return m -> watcherSaw.tell((Terminated) m);
        });
        // whether the watch is set up before or after the stop, the watcher is told (at once, if after)
        target.stop();

        Terminated t = watcherSaw.expectMessage(Terminated.class);
        assertThat(t.actor()).isEqualTo(target);
        assertThat(t.isFailure()).isFalse();
        assertThat(target.trySend("late")).isEqualTo(SendResult.STOPPED);
    }

    @Test
    void expectTerminated_returnsTheCause_orSaysTheActorIsStillAlive() {
        TestProbe<String> p = kit.probe("p");
        Addr<String> fragile = kit.system().spawn("fragile", ctx -> m -> {
            throw new IllegalStateException("broke on " + m);
        }, SpawnOptions.defaults().withDecider(Decider.stop()));
        Addr<String> sturdy = kit.spawn("sturdy", ctx -> m -> { });
        fragile.tell("x");

        assertThat(p.expectTerminated(fragile).cause()).get().extracting(Throwable::getMessage).isEqualTo("broke on x");
        assertThatThrownBy(() -> p.expectTerminated(sturdy, SHORT))
                .hasMessageContaining("expected crema://probes/user/sturdy to stop within 200 ms")
                .hasMessageContaining("but it was still alive after");
        assertThat(kit.deadLetters()).singleElement()
                .satisfies(dl -> assertThat(dl.reason()).isEqualTo(DeadLetterReason.FAILED));
    }

    @Test
    void registerAs_letsActorsThatLookTheNameUpReachTheProbe() {
        RegistryKey<String> counter = RegistryKey.of("pickup-counter", String.class);
        TestProbe<String> p = kit.probe("p");
        p.registerAs(counter);
        kit.system().registry().lookup(counter).orElseThrow().tell("a drink");

        p.expectMessage("a drink");
    }

    @Test
    void badInput_isRefusedWithAClearMessage() {
        TestProbe<String> p = kit.probe("p");
        assertThatThrownBy(() -> kit.probe("p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.expectMessage("x", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeout must be positive");
        assertThatThrownBy(() -> p.expectMessage((String) null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("expected message must not be null");
        assertThatThrownBy(() -> TestProbe.create(kit.system(), "q", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default timeout must be positive");
    }
}
