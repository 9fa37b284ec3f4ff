package dev.crema.examples.web;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.Addr;
import dev.crema.examples.coffeeshop.LiveReport;
import dev.crema.examples.coffeeshop.LiveShop;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Pushes the shop's state to every session: every {@link WebSettings#tick()} it reads the shop once
 * ({@link LiveShop#counters()}, {@link LiveShop#inspect()}), writes one JSON frame and tells it to each session it
 * knows, so every browser sees the same shop. Sessions join by telling it {@link Join}; death watch removes them.
 * A newly joined session gets the last frame at once.
 *
 * <p>Concurrency: an actor; its set of sessions is confined to its thread. A tell to a session that has just
 * stopped, before death watch said so, is a dead letter of the web system.
 */
final class Broadcaster implements Actor<Broadcaster.Msg> {

    sealed interface Msg {}

    /** A session started. */
    record Join(Addr<SessionActor.Msg> session) implements Msg {}

    /** Death watch: a session stopped. */
    record Left(Addr<?> session) implements Msg {}

    /** Time to push. */
    enum Tick implements Msg { INSTANCE }

    private final ActorContext<Msg> ctx;
    private final LiveShop shop;
    private final WebStats stats;
    private final WebSettings settings;
    private final Set<Addr<SessionActor.Msg>> sessions = new LinkedHashSet<>();
    private String last;
    private long seq;

    Broadcaster(ActorContext<Msg> ctx, LiveShop shop, WebStats stats, WebSettings settings) {
        this.ctx = ctx;
        this.shop = shop;
        this.stats = stats;
        this.settings = settings;
    }

    @Override
    public void preStart() {
        ctx.timers().startPeriodic("tick", Tick.INSTANCE, settings.tick());
    }

    @Override
    public void receive(Msg msg) {
        if (msg instanceof Join j) {
            sessions.add(j.session());
            ctx.watch(j.session(), t -> new Left(t.actor()));
            if (last != null) {
                j.session().tell(new SessionActor.State(last));
            }
        } else if (msg instanceof Left l) {
            sessions.remove(l.session());
        } else if (msg == Tick.INSTANCE && !sessions.isEmpty()) {
            last = Frames.state(++seq, shop.counters(), shop.inspect(), reportIfAny(shop.whenClosed()), stats,
                    sessions.size(), ctx.system().deadLetters().total());
            for (Addr<SessionActor.Msg> s : sessions) {
                s.tell(new SessionActor.State(last));
            }
        }
    }

    private static LiveReport reportIfAny(CompletableFuture<LiveReport> closed) {
        return closed.isDone() && !closed.isCompletedExceptionally() ? closed.join() : null;
    }
}
