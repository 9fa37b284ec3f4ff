package dev.crema.testkit.ported;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.Decider;
import dev.crema.actor.SpawnOptions;
import dev.crema.testkit.ActorHarness;
import dev.crema.testkit.Effect;
import dev.crema.testkit.TestInbox;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Ported from actor-core's {@code TimersTest}: the timer contracts as a unit test of one actor, with no
 * threads at all. What the actor asked for is an {@link Effect}; what its timers sent is in an inbox.
 */
class TimersInHarnessTest {

    /** Starts a reminder on "remind", a repeat on "repeat", cancels everything on "forget", fails on "crash". */
    static final class Reminder implements Actor<String> {
        private final ActorContext<String> ctx;
        private final TestInbox<String> out;

        Reminder(ActorContext<String> ctx, TestInbox<String> out) {
            this.ctx = ctx;
            this.out = out;
        }

        @Override
        public void receive(String msg) {
            switch (msg) {
                case "remind" -> ctx.timers().startSingle("once", "reminder", Duration.ofMinutes(10));
                case "repeat" -> ctx.timers().startPeriodic("every", "again", Duration.ofMinutes(1));
                case "forget" -> ctx.timers().cancelAll();
                case "crash" -> throw new IllegalStateException("crash");
                default -> out.tell(msg);
            }
        }
    }

    private final TestInbox<String> out = TestInbox.create("out");
    private final ActorHarness<String> reminder = ActorHarness.of("reminder", ctx -> new Reminder(ctx, out),
            SpawnOptions.defaults().withDecider(Decider.restart()));

    @Test
    void singleTimer_deliversOnce_atItsDeadline() {
        reminder.tell("remind");
        reminder.expectEffect(new Effect.TimerStarted("once", "reminder", Duration.ofMinutes(10), false));

        reminder.advance(Duration.ofMinutes(9));
        out.expectNoMessages();
        reminder.advance(Duration.ofMinutes(1));
        out.expectMessage("reminder");
        reminder.advance(Duration.ofHours(1));
        out.expectNoMessages();
        assertThat(reminder.activeTimers()).isEmpty();
    }

    @Test
    void periodicTimer_repeats_untilCancelled_andCancelAllIsRecordedPerTimer() {
        reminder.tell("repeat");
        reminder.tell("remind");
        reminder.advance(Duration.ofMinutes(3));
        assertThat(out.receiveAll()).containsExactly("again", "again", "again");

        reminder.tell("forget");
        reminder.advance(Duration.ofHours(1));
        out.expectNoMessages();
        assertThat(reminder.effects()).filteredOn(Effect.TimerCancelled.class::isInstance)
                .extracting(e -> ((Effect.TimerCancelled) e).key()).containsExactlyInAnyOrder("every", "once");
    }

    @Test
    void restart_cancelsEveryTimer_soTheNewInstanceNeverGetsTheOldTicks() {
        reminder.tell("repeat");
        reminder.tell("remind");
        assertThat(reminder.activeTimers()).isEqualTo(Set.of("every", "once"));

        reminder.tell("crash");

        assertThat(reminder.activeTimers()).isEmpty();
        reminder.advance(Duration.ofHours(1));
        out.expectNoMessages();
    }
}
