package dev.crema.bench.workloads;

import dev.crema.actor.Addr;
import dev.crema.actor.Mailbox;
import dev.crema.actor.SpawnOptions;
import dev.crema.bench.CremaWorkload;
import dev.crema.bench.Library;
import dev.crema.bench.PekkoWorkload;
import dev.crema.bench.Sync;
import dev.crema.bench.Workload;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;

/**
 * Ask round trips from outside the system: the caller asks one actor {@code n} times and waits for each
 * reply ({@code window} = 1, the default: strictly one at a time) or for each batch of {@code window}
 * asks. Crema: {@code Addr.ask}; Pekko: {@code Patterns.ask} (a temporary actor per ask). Both arm a
 * timeout per ask. Operations per run: {@code n} round trips.
 */
public final class AskRoundTrip {

    private AskRoundTrip() {
    }

    /**
     * @param library the library
     * @param n       asks per run
     * @param window  asks in flight at once
     * @return the workload; {@link Workload#run()} returns the replies received
     */
    public static Workload create(Library library, int n, int window) {
        if (window < 1 || n < 1) {
            throw new IllegalArgumentException("need n >= 1 and window >= 1, got " + n + ", " + window);
        }
        return library == Library.CREMA ? new Crema(n, window) : new Pekko(library, n, window);
    }

    enum Reply { INSTANCE }

    static long awaitAll(CompletionStage<?>[] pending, int k, String what) throws Exception {
        long replies = 0;
        for (int j = 0; j < k; j++) {
            if (Sync.get(pending[j], what) == Reply.INSTANCE) {
                replies++;
            }
            pending[j] = null;
        }
        return replies;
    }

    // ================================================================ Crema

    record Req(Addr<Reply> replyTo) {
    }

    static final class Crema extends CremaWorkload {
        private final int n;
        private final CompletableFuture<?>[] pending;
        private final Addr<Req> responder;

        Crema(int n, int window) {
            super("ask");
            this.n = n;
            this.pending = new CompletableFuture<?>[window];
            // ask uses trySend: a window of up to 1000 fits the default bounded mailbox
            this.responder = system.spawn("responder", ctx -> req -> req.replyTo().tell(Reply.INSTANCE),
                    window < Mailbox.DEFAULT_CAPACITY ? SpawnOptions.defaults() : FLOODED);
        }

        @Override
        public long run() throws Exception {
            long replies = 0;
            int w = pending.length;
            if (w == 1) {
                for (int i = 0; i < n; i++) {
                    if (Sync.get(responder.ask(Req::new, Sync.TIMEOUT), "crema ask") == Reply.INSTANCE) {
                        replies++;
                    }
                }
                return replies;
            }
            for (int i = 0; i < n; i += w) {
                int k = Math.min(w, n - i);
                for (int j = 0; j < k; j++) {
                    pending[j] = responder.ask(Req::new, Sync.TIMEOUT);
                }
                replies += awaitAll(pending, k, "crema ask");
            }
            return replies;
        }

        @Override
        public long expected() {
            return n;
        }
    }

    // ================================================================ Pekko

    enum PekkoReq { INSTANCE }

    static final class Pekko extends PekkoWorkload {
        private final int n;
        private final CompletionStage<?>[] pending;
        private final ActorRef responder;

        Pekko(Library library, int n, int window) {
            super("ask", library);
            this.n = n;
            this.pending = new CompletionStage<?>[window];
            this.responder = system.actorOf(Props.create(PekkoResponder.class, PekkoResponder::new), "responder");
        }

        @Override
        public long run() throws Exception {
            long replies = 0;
            int w = pending.length;
            if (w == 1) {
                for (int i = 0; i < n; i++) {
                    if (Sync.get(Patterns.ask(responder, PekkoReq.INSTANCE, Sync.TIMEOUT), "pekko ask") == Reply.INSTANCE) {
                        replies++;
                    }
                }
                return replies;
            }
            for (int i = 0; i < n; i += w) {
                int k = Math.min(w, n - i);
                for (int j = 0; j < k; j++) {
                    pending[j] = Patterns.ask(responder, PekkoReq.INSTANCE, Sync.TIMEOUT);
                }
                replies += awaitAll(pending, k, "pekko ask");
            }
            return replies;
        }

        @Override
        public long expected() {
            return n;
        }
    }

    static final class PekkoResponder extends AbstractActor {
        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(PekkoReq.class, r -> getSender().tell(Reply.INSTANCE, getSelf()))
                    .build();
        }
    }
}
