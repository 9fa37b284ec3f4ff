package dev.crema.testkit.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.Addr;
import dev.crema.actor.Decider;
import dev.crema.actor.Directive;
import dev.crema.actor.SpawnOptions;
import dev.crema.testkit.ActorHarness;
import dev.crema.testkit.ActorTestKit;
import dev.crema.testkit.ActorTestKitExtension;
import dev.crema.testkit.AllowFailures;
import dev.crema.testkit.Effect;
import dev.crema.testkit.TestInbox;
import dev.crema.testkit.TestProbe;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's "Testing your actors" example, verbatim from {@code class BaristaTest} on (the examples'
 * {@code ReadmeSnippetsTest} checks it), in a package of its own so that it uses only the public API.
 */
class BaristaTest {

    sealed interface Msg {}
    record Order(String drink, Addr<String> replyTo) implements Msg {}
    record Brewed(Order order) implements Msg {}

    /** Brews each order for a minute (a timer), then hands it over; refuses decaf by failing. */
    static final class Barista implements Actor<Msg> {
        private final ActorContext<Msg> ctx;

        Barista(ActorContext<Msg> ctx) {
            this.ctx = ctx;
        }

        @Override
        public void receive(Msg msg) {
            if (msg instanceof Order o) {
                if (o.drink().equals("decaf")) {
                    throw new IllegalArgumentException("no decaf here");
                }
                ctx.timers().startSingle(o, new Brewed(o), Duration.ofMinutes(1));
            } else if (msg instanceof Brewed b) {
                b.order().replyTo().tell("one " + b.order().drink());
            }
        }
    }

    // a system per test, on a manual clock; a test fails on any actor failure or dead letter it did not allow
    @RegisterExtension
    static final ActorTestKitExtension crema = ActorTestKitExtension.create().withManualClock();

    @Test
    void aLatteTakesAMinute(ActorTestKit kit) {
        TestProbe<String> customer = kit.probe("customer");
        Addr<Msg> barista = kit.spawn("barista", Barista::new);

        barista.tell(new Order("latte", customer));
        kit.advance(Duration.ofSeconds(59));
        customer.expectNoMessage();          // once everything in flight is handled: no real waiting
        kit.advance(Duration.ofSeconds(1));
        customer.expectMessage("one latte");
    }

    @Test
    @AllowFailures(IllegalArgumentException.class)
    void decaf_stopsTheBarista(ActorTestKit kit) {
        TestProbe<String> customer = kit.probe("customer");
        Addr<Msg> barista = kit.spawn("barista", Barista::new);   // the default decider: stop

        barista.tell(new Order("decaf", customer));

        assertThat(customer.expectTerminated(barista).cause()).get().isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutThreads_aRestartForgetsTheBrew() {
        ActorHarness<Msg> barista = ActorHarness.of("barista", Barista::new,
                SpawnOptions.defaults().withDecider(Decider.restart()));
        TestInbox<String> customer = TestInbox.create("customer");

        barista.tell(new Order("latte", customer));
        assertThat(barista.expectEffect(Effect.TimerStarted.class).delay()).isEqualTo(Duration.ofMinutes(1));
        barista.tell(new Order("decaf", customer));
        assertThat(barista.expectEffect(Effect.Failed.class).directive()).isEqualTo(Directive.RESTART);
        barista.advance(Duration.ofMinutes(1));
        customer.expectNoMessages();         // the restart cancelled the timer
    }
}
