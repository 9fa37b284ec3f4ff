package dev.crema.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.Decider;
import dev.crema.actor.SpawnOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The kit on its own: what verify() counts, what it allows, and that each verify looks at what is new. */
class ActorTestKitTest {

    @Test
    void verify_failsOnAFailure_thenStartsAfresh() {
        try (ActorTestKit kit = ActorTestKit.create(TestKitConfig.defaults().withSystemName("verify"))) {
            Addr<String> f = kit.spawn("f", ctx -> m -> {
                throw new IllegalStateException(m);
            });
            f.tell("one");
            kit.probe("p").expectTerminated(f);

            assertThatThrownBy(kit::verify).isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("1 unexpected event in actor system 'verify':")
                    .hasMessageContaining("failure: crema://verify/user/f failed on \"one\"");
            kit.verify(); // nothing new since
            assertThat(kit.deadLetters()).extracting(dl -> dl.reason()).containsExactly(DeadLetterReason.FAILED);
        }
    }

    @Test
    void verify_seesAChildThatFailedToStart_andWasRestarted_thoughNoMessageWasDeadLettered() {
        AtomicInteger starts = new AtomicInteger();
        try (ActorTestKit kit = ActorTestKit.create(TestKitConfig.defaults().withSystemName("starts"))) {
            TestProbe<String> ready = kit.probe("ready");
            kit.spawn("parent", ctx -> {
                ctx.spawn("child", c -> {
                    if (starts.incrementAndGet() == 1) {
                        throw new IllegalStateException("first start fails");
                    }
                    ready.tell("started");
                    return m -> { };
                }, SpawnOptions.defaults().withDecider(Decider.restart()));
                return m -> { };
            });
            ready.expectMessage("started");

            assertThatThrownBy(kit::verify).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("failure: crema://starts/user/parent/child failed 1 time with no message to"
                            + " dead-letter (while starting, say); its parent kept it (restarts 1)");
            kit.verify(); // reported once
        }
    }

    @Test
    void allowances_coverWhatTheySay_andNothingElse() {
        TestKitConfig lenient = TestKitConfig.defaults().withSystemName("lenient")
                .allowFailures(IllegalStateException.class).allowDeadLetters(DeadLetterReason.STOPPED);
        try (ActorTestKit kit = ActorTestKit.create(lenient)) {
            Addr<String> f = kit.spawn("f", ctx -> m -> {
                throw new IllegalStateException(m);
            });
            f.tell("x");
            kit.probe("p").expectTerminated(f);
            f.tell("to a stopped actor");
            kit.verify();

            Addr<String> g = kit.spawn("g", ctx -> m -> {
                throw new IllegalArgumentException(m);
            });
            g.tell("y");
            kit.probe("q").expectTerminated(g);
            assertThatThrownBy(kit::verify).hasMessageContaining("IllegalArgumentException: y")
                    .hasMessageContaining("1 unexpected event");
        }
    }

    @Test
    void clock_onRealTime_saysHowToAskForOne() {
        try (ActorTestKit kit = ActorTestKit.create()) {
            assertThat(kit.hasManualClock()).isFalse();
            assertThatThrownBy(kit::clock).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("runs on real time").hasMessageContaining("withManualClock()");
            assertThatThrownBy(() -> kit.advance(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
            TestProbe<String> p = kit.probe("p");
            kit.expectNoMessageFor(Duration.ofMillis(20), p);
            assertThatThrownBy(() -> kit.expectNoMessageFor(Duration.ofMillis(20)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one probe");
        }
    }

    @Test
    void config_refusesBadInput_andReadsTheTimeoutProperty() {
        assertThatThrownBy(() -> TestKitConfig.defaults().withDefaultTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default timeout must be positive");
        String before = System.getProperty(TestKitConfig.TIMEOUT_PROPERTY);
        try {
            System.setProperty(TestKitConfig.TIMEOUT_PROPERTY, "45s");
            assertThat(TestKitConfig.defaults().defaultTimeout()).isEqualTo(Duration.ofSeconds(45));
            System.setProperty(TestKitConfig.TIMEOUT_PROPERTY, "PT1M");
            assertThat(TestKitConfig.defaults().defaultTimeout()).isEqualTo(Duration.ofMinutes(1));
            System.setProperty(TestKitConfig.TIMEOUT_PROPERTY, "soon");
            assertThatThrownBy(TestKitConfig::defaults).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("system property crema.testkit.timeout must be a positive duration such as 10s, 500ms,"
                            + " 2m or PT10S, got 'soon'");
        } finally {
            if (before == null) {
                System.clearProperty(TestKitConfig.TIMEOUT_PROPERTY);
            } else {
                System.setProperty(TestKitConfig.TIMEOUT_PROPERTY, before);
            }
        }
        assertThat(TestKitConfig.defaults().defaultTimeout()).isEqualTo(Duration.ofSeconds(10));
    }
}
