package dev.crema.bench.workloads;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.Addr;
import dev.crema.bench.CremaWorkload;
import dev.crema.bench.Library;
import dev.crema.bench.PekkoWorkload;
import dev.crema.bench.Round;
import dev.crema.bench.Workload;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;

/**
 * Fan-in: {@code producers} producer actors send {@code total} messages between them to one sink actor,
 * the multi-producer mailbox under contention. A producer sends {@value #BATCH} messages per handler
 * call and then tells itself to continue, so it does not hold a thread for its whole share and the sink
 * gets to run. Messages per run: {@code total} (the continue messages, about 1 %, are not counted).
 *
 * <p>Crema's sink has {@code Mailbox.unbounded()}: it is flooded, as with Pekko's unbounded mailboxes.
 */
public final class FanIn {

    /** Messages a producer sends per handler call. */
    public static final int BATCH = 100;

    private FanIn() {
    }

    /**
     * @param library   the library
     * @param producers producer actors
     * @param total     messages per run, split evenly
     * @return the workload; {@link Workload#run()} returns what the sink counted
     */
    public static Workload create(Library library, int producers, int total) {
        if (producers < 1 || total < producers) {
            throw new IllegalArgumentException("need 1 <= producers <= total, got " + producers + ", " + total);
        }
        return library == Library.CREMA ? new Crema(producers, total) : new Pekko(library, producers, total);
    }

    static long share(int total, int producers, int i) {
        return total / producers + (i < total % producers ? 1 : 0);
    }

    /** To the sink before a run: how many to expect, and whom to tell. */
    record Expect(Round round, long n) implements SinkMsg {
    }

    /** To a producer: send {@code n}. */
    record Go(long n) implements ProducerMsg {
    }

    sealed interface SinkMsg permits Item, Expect {
    }

    sealed interface ProducerMsg permits Go, Continue {
    }

    enum Item implements SinkMsg { INSTANCE }

    enum Continue implements ProducerMsg { INSTANCE }

    // ================================================================ Crema

    static final class Crema extends CremaWorkload {
        private final int total;
        private final Addr<SinkMsg> sink;
        private final Addr<ProducerMsg>[] producers;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Crema(int producers, int total) {
            super("fanin");
            this.total = total;
            this.sink = system.spawn("sink", ctx -> new Sink(), FLOODED);
            this.producers = new Addr[producers];
            for (int i = 0; i < producers; i++) {
                this.producers[i] = system.spawn("producer-" + i, ctx -> new Producer(ctx, sink));
            }
        }

        @Override
        public long run() throws Exception {
            Round round = new Round(1);
            sink.tell(new Expect(round, total)); // queued before any producer can send
            for (int i = 0; i < producers.length; i++) {
                producers[i].tell(new Go(share(total, producers.length, i)));
            }
            return round.await("crema fan-in");
        }

        @Override
        public long expected() {
            return total;
        }
    }

    static final class Sink implements Actor<SinkMsg> {
        private Round round;
        private long expected;
        private long count;

        @Override
        public void receive(SinkMsg m) {
            if (m == Item.INSTANCE) {
                if (++count == expected) {
                    round.finish(count);
                }
            } else {
                Expect e = (Expect) m;
                round = e.round();
                expected = e.n();
                count = 0;
            }
        }
    }

    static final class Producer implements Actor<ProducerMsg> {
        private final Addr<ProducerMsg> self;
        private final Addr<SinkMsg> sink;
        private long left;

        Producer(ActorContext<ProducerMsg> ctx, Addr<SinkMsg> sink) {
            this.self = ctx.self();
            this.sink = sink;
        }

        @Override
        public void receive(ProducerMsg m) {
            if (m instanceof Go g) {
                left = g.n();
            }
            long k = Math.min(BATCH, left);
            for (long i = 0; i < k; i++) {
                sink.tell(Item.INSTANCE);
            }
            left -= k;
            if (left > 0) {
                self.tell(Continue.INSTANCE);
            }
        }
    }

    // ================================================================ Pekko

    static final class Pekko extends PekkoWorkload {
        private final int total;
        private final ActorRef sink;
        private final ActorRef[] producers;

        Pekko(Library library, int producers, int total) {
            super("fanin", library);
            this.total = total;
            this.sink = system.actorOf(Props.create(PekkoSink.class, PekkoSink::new), "sink");
            this.producers = new ActorRef[producers];
            for (int i = 0; i < producers; i++) {
                this.producers[i] = system.actorOf(Props.create(PekkoProducer.class, () -> new PekkoProducer(sink)),
                        "producer-" + i);
            }
        }

        @Override
        public long run() throws Exception {
            Round round = new Round(1);
            sink.tell(new Expect(round, total), ActorRef.noSender());
            for (int i = 0; i < producers.length; i++) {
                producers[i].tell(new Go(share(total, producers.length, i)), ActorRef.noSender());
            }
            return round.await("pekko fan-in");
        }

        @Override
        public long expected() {
            return total;
        }
    }

    static final class PekkoSink extends AbstractActor {
        private Round round;
        private long expected;
        private long count;

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(Item.class, i -> {
                        if (++count == expected) {
                            round.finish(count);
                        }
                    })
                    .match(Expect.class, e -> {
                        round = e.round();
                        expected = e.n();
                        count = 0;
                    })
                    .build();
        }
    }

    static final class PekkoProducer extends AbstractActor {
        private final ActorRef sink;
        private long left;

        PekkoProducer(ActorRef sink) {
            this.sink = sink;
        }

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(Go.class, g -> {
                        left = g.n();
                        sendBatch();
                    })
                    .match(Continue.class, c -> sendBatch())
                    .build();
        }

        private void sendBatch() {
            long k = Math.min(BATCH, left);
            ActorRef self = getSelf();
            for (long i = 0; i < k; i++) {
                sink.tell(Item.INSTANCE, self);
            }
            left -= k;
            if (left > 0) {
                self.tell(Continue.INSTANCE, self);
            }
        }
    }
}
