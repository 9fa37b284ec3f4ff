package dev.crema.bench.workloads;

import dev.crema.actor.Addr;
import dev.crema.actor.SystemConfig;
import dev.crema.bench.CremaWorkload;
import dev.crema.bench.Library;
import dev.crema.bench.PekkoWorkload;
import dev.crema.bench.Sync;
import dev.crema.bench.Workload;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;

/**
 * Savina counting: one producer thread (the caller) tells one counter actor {@code n} increments as fast
 * as it can, then asks for the count, which the run checks. Messages per run: {@code n} (the one ask is
 * included in the time but not counted). The increment is a pre-allocated singleton.
 *
 * <p>Crema's counter has {@code Mailbox.unbounded()}: the producer floods it, as with Pekko's unbounded
 * mailboxes.
 */
public final class Counting {

    private Counting() {
    }

    /**
     * @param library the library
     * @param n       increments per run
     * @return the workload; {@link Workload#run()} returns the count the counter replied
     */
    public static Workload create(Library library, int n) {
        return library == Library.CREMA ? new Crema(n, CremaWorkload.config()) : new Pekko(library, n);
    }

    /**
     * The Crema side with a configuration of the caller's (the observability benchmark turns turn timing on).
     *
     * @param n      increments per run
     * @param config the system's configuration
     * @return the workload
     */
    public static CremaWorkload crema(int n, SystemConfig config) {
        return new Crema(n, config);
    }

    // ================================================================ Crema

    sealed interface CounterMsg permits Increment, Get {
    }

    enum Increment implements CounterMsg { INSTANCE }

    record Get(Addr<Long> replyTo) implements CounterMsg {
    }

    static final class Crema extends CremaWorkload {
        private final int n;
        private final Addr<CounterMsg> counter;

        Crema(int n, SystemConfig config) {
            super("counting", config);
            this.n = n;
            this.counter = system.spawn("counter", ctx -> new dev.crema.actor.Actor<CounterMsg>() {
                private long count;

                @Override
                public void receive(CounterMsg m) {
                    if (m == Increment.INSTANCE) {
                        count++;
                    } else {
                        ((Get) m).replyTo().tell(count);
                        count = 0;
                    }
                }
            }, FLOODED);
        }

        @Override
        public long run() throws Exception {
            Addr<CounterMsg> c = counter;
            for (int i = 0; i < n; i++) {
                c.tell(Increment.INSTANCE);
            }
            return Sync.get(c.ask(Get::new, Sync.TIMEOUT), "crema counting");
        }

        @Override
        public long expected() {
            return n;
        }
    }

    // ================================================================ Pekko

    enum PekkoGet { INSTANCE }

    static final class Pekko extends PekkoWorkload {
        private final int n;
        private final ActorRef counter;

        Pekko(Library library, int n) {
            super("counting", library);
            this.n = n;
            this.counter = system.actorOf(Props.create(PekkoCounter.class, PekkoCounter::new), "counter");
        }

        @Override
        public long run() throws Exception {
            ActorRef c = counter;
            for (int i = 0; i < n; i++) {
                c.tell(Increment.INSTANCE, ActorRef.noSender());
            }
            return (Long) Sync.get(Patterns.ask(c, PekkoGet.INSTANCE, Sync.TIMEOUT), "pekko counting");
        }

        @Override
        public long expected() {
            return n;
        }
    }

    static final class PekkoCounter extends AbstractActor {
        private long count;

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(Increment.class, i -> count++)
                    .match(PekkoGet.class, g -> {
                        getSender().tell(count, getSelf());
                        count = 0;
                    })
                    .build();
        }
    }
}
