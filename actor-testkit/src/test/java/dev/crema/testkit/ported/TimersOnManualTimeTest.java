package dev.crema.testkit.ported;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.actor.Actor;
import dev.crema.actor.Addr;
import dev.crema.actor.Decider;
import dev.crema.actor.SpawnOptions;
import dev.crema.testkit.ActorTestKit;
import dev.crema.testkit.ActorTestKitExtension;
import dev.crema.testkit.AllowFailures;
import dev.crema.testkit.TestProbe;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ported from actor-core's {@code TimersTest} (which stays, on real time): the same contracts on a manual
 * clock, where "nothing more arrives" is a fact, not a wait. The originals need latches, markers and a
 * mailbox of 2 to make a tick observable; here time moves when the test says so. Not ported: the tests of a
 * tick already <em>queued</em> when its timer is cancelled, a race a manual clock never lets happen (it fires
 * a timer only once the system is quiet), so they stay on real time only.
 */
class TimersOnManualTimeTest {

    @RegisterExtension
    static final ActorTestKitExtension crema = ActorTestKitExtension.create().withManualClock();

    @Test
    void singleTimer_deliversItsMessage_andIsInactiveOnceItWasHandled(ActorTestKit kit) {
        TestProbe<String> seen = kit.probe("seen");
        kit.spawn("single", String.class, ctx -> {
            ctx.timers().startSingle("k", "tick", Duration.ofSeconds(5));
            seen.tell("active before: " + ctx.timers().isActive("k"));
            return msg -> seen.tell("active when handled: " + ctx.timers().isActive("k"));
        });

        seen.expectMessage("active before: true");
        kit.advance(Duration.ofSeconds(5));
        seen.expectMessage("active when handled: false");
        kit.advance(Duration.ofHours(1));
        seen.expectNoMessage();
    }

    @Test
    void periodicTimer_deliversRepeatedly_untilCancelled_andNothingAfterwards(ActorTestKit kit) {
        TestProbe<String> seen = kit.probe("seen");
        kit.spawn("periodic", String.class, ctx -> {
            ctx.timers().startPeriodic("k", "tick", Duration.ofSeconds(2));
            int[] ticks = {0};
            return msg -> {
                seen.tell(msg);
                if (++ticks[0] == 3) {
                    seen.tell("cancelled: " + ctx.timers().cancel("k"));
                }
            };
        });

        kit.advance(Duration.ofSeconds(6));
        assertThat(seen.receiveMessages(4)).containsExactly("tick", "tick", "tick", "cancelled: true");
        kit.expectNoMessageFor(Duration.ofMinutes(10), seen);
    }

    @Test
    void timersWithDifferentKeys_runIndependently_inDeadlineOrder(ActorTestKit kit) {
        TestProbe<String> seen = kit.probe("seen");
        kit.spawn("keys", String.class, ctx -> {
            ctx.timers().startSingle("b", "B", Duration.ofSeconds(3));
            ctx.timers().startSingle("a", "A", Duration.ofSeconds(1));
            return seen::tell;
        });

        kit.advance(Duration.ofSeconds(3));
        assertThat(seen.receiveMessages(2)).containsExactly("A", "B");
    }

    @Test
    void replacingATimer_meansOnlyTheNewOneDelivers(ActorTestKit kit) {
        TestProbe<String> seen = kit.probe("seen");
        Addr<String> a = kit.spawn("replaced", ctx -> msg -> {
            if (msg.equals("setup")) {
                ctx.timers().startPeriodic("k", "old", Duration.ofSeconds(1));
                ctx.timers().startSingle("k", "new", Duration.ofSeconds(10));
            } else {
                seen.tell(msg);
            }
        });
        a.tell("setup");

        kit.advance(Duration.ofSeconds(10));
        seen.expectMessage("new");
        kit.expectNoMessageFor(Duration.ofMinutes(1), seen);
    }

    @Test
    void timers_areCancelledWhenTheActorStops(ActorTestKit kit) {
        TestProbe<String> seen = kit.probe("seen");
        Addr<String> a = kit.spawn("stopper", String.class, ctx -> {
            ctx.timers().startPeriodic("p", "tick", Duration.ofSeconds(1));
            ctx.timers().startSingle("s", "single", Duration.ofHours(1));
            return seen::tell;
        });
        kit.advance(Duration.ofSeconds(3));
        assertThat(seen.receiveMessages(3)).containsOnly("tick");

        kit.system().stop(a);
        seen.expectTerminated(a);
        // a tick of a live timer would now be a STOPPED dead letter, which the extension would fail the test on
        kit.expectNoMessageFor(Duration.ofHours(2), seen);
    }

    @Test
    @AllowFailures(IllegalStateException.class)
    void timers_areCancelledOnRestart_andTheNewInstanceNeverGetsTheOldTicks(ActorTestKit kit) {
        TestProbe<String> seen = kit.probe("seen");
        int[] instances = {0};
        Addr<String> a = kit.spawn("restarter", ctx -> new Actor<String>() {
            final int n = ++instances[0];

            @Override
            public void receive(String msg) {
                seen.tell(n + ":" + msg);
                if (msg.equals("setup")) {
                    ctx.timers().startPeriodic("k", "old", Duration.ofSeconds(1));
                    ctx.timers().startSingle("s", "old-single", Duration.ofMinutes(1));
                } else if (msg.equals("crash")) {
                    throw new IllegalStateException("restart me");
                }
            }

            @Override
            public void postRestart(Throwable cause) {
                seen.tell(n + ": timers active after restart: " + (ctx.timers().isActive("k") || ctx.timers().isActive("s")));
            }
        }, SpawnOptions.defaults().withDecider(Decider.restart()));
        a.tell("setup");
        kit.advance(Duration.ofSeconds(1));
        a.tell("crash");

        assertThat(seen.receiveMessages(4)).containsExactly("1:setup", "1:old", "1:crash",
                "2: timers active after restart: false");
        kit.expectNoMessageFor(Duration.ofHours(1), seen);
    }
}
