package dev.crema.testkit.ported;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.actor.Addr;
import dev.crema.actor.Decider;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.Terminated;
import dev.crema.testkit.ActorTestKit;
import dev.crema.testkit.ActorTestKitExtension;
import dev.crema.testkit.AllowFailures;
import dev.crema.testkit.TestProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ported from actor-core's {@code DeathWatchTest} (which stays): death watch with a message of the watcher's
 * own protocol, checked through probes. On a manual clock "no notice came" is decided once the system is
 * quiet, so the originals' sync-probe round trips are not needed; and a probe stands in for the watched
 * actor where that reads better (it is watchable).
 */
class DeathWatchWithProbesTest {

    @RegisterExtension
    static final ActorTestKitExtension crema = ActorTestKitExtension.create().withManualClock();

    sealed interface Cmd {
    }

    record Watch(Addr<?> target, String tag) implements Cmd {
    }

    record Unwatch(Addr<?> target) implements Cmd {
    }

    record Gone(String tag, Addr<?> who, Throwable cause) implements Cmd {
    }

    /** A watcher that watches on command and passes every notice on to {@code notices}. */
    private static Addr<Cmd> watcher(ActorTestKit kit, String name, TestProbe<Gone> notices) {
        return kit.spawn(name, ctx -> cmd -> {
            if (cmd instanceof Watch w) {
                ctx.watch(w.target(), t -> new Gone(w.tag(), t.actor(), t.cause().orElse(null)));
            } else if (cmd instanceof Unwatch u) {
                ctx.unwatch(u.target());
            } else if (cmd instanceof Gone g) {
                notices.tell(g);
            }
        });
    }

    @Test
    void normalStop_deliversAMessageOfTheWatchersOwnProtocol_withoutCause(ActorTestKit kit) {
        TestProbe<Gone> notices = kit.probe("notices");
        Addr<String> target = kit.spawn("target", ctx -> msg -> { });
        watcher(kit, "w", notices).tell(new Watch(target, "t"));
        kit.advance(Duration.ZERO); // the watch is in place

        kit.system().stop(target);

        assertThat(notices.expectMessage(Gone.class)).isEqualTo(new Gone("t", target, null));
        notices.expectNoMessage();
    }

    @Test
    @AllowFailures(IllegalStateException.class)
    void failure_deliversTheCause(ActorTestKit kit) {
        TestProbe<Gone> notices = kit.probe("notices");
        Addr<String> target = kit.spawn("target", ctx -> msg -> {
            throw new IllegalStateException("target broke");
        });
        watcher(kit, "w", notices).tell(new Watch(target, "t"));
        kit.advance(Duration.ZERO);

        target.tell("boom");

        assertThat(notices.expectMessage(Gone.class).cause()).isInstanceOf(IllegalStateException.class)
                .hasMessage("target broke");
    }

    @Test
    void watchingAProbe_itsStopIsTheNotice(ActorTestKit kit) {
        TestProbe<Gone> notices = kit.probe("notices");
        TestProbe<String> target = kit.probe("target");
        watcher(kit, "w", notices).tell(new Watch(target, "probe"));
        kit.advance(Duration.ZERO);

        target.stop();

        assertThat(notices.expectMessage(Gone.class)).isEqualTo(new Gone("probe", target, null));
    }

    @Test
    void watchingAnAlreadyStoppedActor_notifiesAtOnce(ActorTestKit kit) {
        TestProbe<Gone> notices = kit.probe("notices");
        Addr<String> target = kit.spawn("target", ctx -> msg -> { });
        kit.system().stop(target);
        notices.expectTerminated(target);

        watcher(kit, "w", notices).tell(new Watch(target, "late"));

        assertThat(notices.expectMessage(Gone.class)).isEqualTo(new Gone("late", target, null));
    }

    @Test
    @AllowFailures(IllegalStateException.class)
    void restartOfTheWatchedActor_isNotATermination(ActorTestKit kit) {
        TestProbe<Gone> notices = kit.probe("notices");
        Addr<String> target = kit.spawn("target", ctx -> msg -> {
            throw new IllegalStateException(msg);
        }, SpawnOptions.defaults().withDecider(Decider.restart()));
        watcher(kit, "w", notices).tell(new Watch(target, "t"));
        kit.advance(Duration.ZERO);

        target.tell("boom");
        notices.expectNoMessage();
        kit.system().stop(target);

        assertThat(notices.expectMessage(Gone.class).cause()).isNull();
    }

    @Test
    void unwatch_beforeTheTargetStops_meansNoNotice(ActorTestKit kit) {
        TestProbe<Gone> notices = kit.probe("notices");
        Addr<String> target = kit.spawn("target", ctx -> msg -> { });
        Addr<Cmd> w = watcher(kit, "w", notices);
        w.tell(new Watch(target, "t"));
        w.tell(new Unwatch(target));
        kit.advance(Duration.ZERO);

        kit.system().stop(target);

        notices.expectTerminated(target);
        notices.expectNoMessage();
    }

    @Test
    void everyWatcher_getsExactlyOneNotice_andWatchingTwiceReplacesTheMapping(ActorTestKit kit) {
        TestProbe<Gone> notices = kit.probe("notices");
        Addr<String> target = kit.spawn("target", ctx -> msg -> { });
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Addr<Cmd> w = watcher(kit, "w" + i, notices);
            w.tell(new Watch(target, "first"));
            w.tell(new Watch(target, "w" + i));
            tags.add("w" + i);
        }
        kit.advance(Duration.ZERO);

        kit.system().stop(target);

        assertThat(notices.receiveMessages(10)).extracting(Gone::tag).containsExactlyInAnyOrderElementsOf(tags);
        notices.expectNoMessage();
    }

    @Test
    void terminatedNotice_arrivesAfterEveryMessageTheWatchedActorSentBeforeItStopped(ActorTestKit kit) {
        TestProbe<Object> seen = kit.probe("seen");
        kit.spawn("checker", Object.class, ctx -> {
            Addr<Object> me = ctx.self();
            ctx.watch(ctx.spawn("sender", String.class, c -> {
                for (int i = 0; i < 50; i++) {
                    me.tell(i);
                }
                c.stop();
                return msg -> { };
            }), t -> t);
            return seen::tell;
        });

        List<Object> all = seen.receiveMessages(51);
        assertThat(all.subList(0, 50)).isSortedAccordingTo((a, b) -> (Integer) a - (Integer) b);
        assertThat(all.get(50)).isInstanceOf(Terminated.class);
    }
}
