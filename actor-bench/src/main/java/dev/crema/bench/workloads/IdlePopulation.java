package dev.crema.bench.workloads;

import dev.crema.actor.ActorFactory;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.bench.Sync;
import java.util.concurrent.CountDownLatch;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;

/**
 * A crowd of idle actors that lives next to a workload: {@code n} top-level actors with default options,
 * each of which has handled exactly one message and has nothing pending, their addresses kept by the
 * caller (the same "idle" as {@link IdleFootprint}). Spawned when the workload is built, outside the timed
 * region, and never touched again: what a run costs more with them is what the population itself costs.
 */
public final class IdlePopulation {

    private IdlePopulation() {
    }

    enum Hello { INSTANCE }

    /**
     * Spawns the crowd in a Crema system and waits until every actor has handled its message.
     *
     * @param system the system
     * @param n      actors, 0 for none
     * @return their addresses, to be kept referenced
     * @throws IllegalStateException if they did not all handle their message within {@link Sync#TIMEOUT}
     */
    public static Addr<?>[] spawn(ActorSystem system, int n) {
        Addr<?>[] addrs = new Addr<?>[n];
        CountDownLatch received = new CountDownLatch(n);
        ActorFactory<Hello> factory = ctx -> m -> received.countDown();
        for (int i = 0; i < n; i++) {
            Addr<Hello> a = system.spawnAnonymous(factory);
            a.tell(Hello.INSTANCE);
            addrs[i] = a;
        }
        await(received, "crema idle population");
        return addrs;
    }

    /**
     * Spawns the crowd in a Pekko system and waits until every actor has handled its message.
     *
     * @param system the system
     * @param n      actors, 0 for none
     * @return their references, to be kept
     * @throws IllegalStateException if they did not all handle their message within {@link Sync#TIMEOUT}
     */
    static ActorRef[] spawn(org.apache.pekko.actor.ActorSystem system, int n) {
        ActorRef[] refs = new ActorRef[n];
        CountDownLatch received = new CountDownLatch(n);
        Props props = Props.create(PekkoIdle.class, () -> new PekkoIdle(received));
        for (int i = 0; i < n; i++) {
            ActorRef r = system.actorOf(props);
            r.tell(Hello.INSTANCE, ActorRef.noSender());
            refs[i] = r;
        }
        await(received, "pekko idle population");
        return refs;
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            Sync.await(latch, what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static final class PekkoIdle extends AbstractActor {
        private final CountDownLatch received;

        PekkoIdle(CountDownLatch received) {
            this.received = received;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder().match(Hello.class, h -> received.countDown()).build();
        }
    }
}
