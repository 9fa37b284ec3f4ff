package dev.crema.examples.readme;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.supervision.Backoff;
import dev.crema.actor.supervision.ChildSpec;
import dev.crema.actor.supervision.RestartType;
import dev.crema.actor.supervision.Supervisor;
import dev.crema.actor.supervision.SupervisorSpec;
import java.time.Duration;

/** The README's supervision snippet, compiled; ReadmeSnippetsTest checks the README shows it verbatim. */
public final class SupervisionSnippet {

    private SupervisionSnippet() {
    }

    record Order(String drink) {}

    static final class Barista implements Actor<Order> {
        Barista(ActorContext<Order> ctx) {
        }

        @Override
        public void receive(Order order) {
            // brew
        }
    }

    static final class Till implements Actor<Integer> {
        Till(ActorContext<Integer> ctx) {
        }

        @Override
        public void receive(Integer amount) {
            // count
        }
    }

    // readme:begin
    static final ChildSpec<Order> BARISTA = ChildSpec.worker("barista", Barista::new)
            .withBackoff(Backoff.exponential(Duration.ofMillis(50), Duration.ofSeconds(5)));

    static Addr<Order> start(ActorSystem system) {
        Supervisor manager = Supervisor.start(system, "manager", SupervisorSpec.oneForOne()
                .withIntensity(5, Duration.ofSeconds(10))          // a 6th restart within 10 s: give up and escalate
                .withChild(BARISTA)
                .withChild(ChildSpec.worker("till", Till::new).withRestart(RestartType.TRANSIENT)));
        return manager.child(BARISTA).orElseThrow();                 // the same Addr after every restart
    }
    // readme:end

    /**
     * Runs the snippet.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (ActorSystem system = ActorSystem.create("readme")) {
            System.out.println("barista: " + start(system));
        }
    }
}
