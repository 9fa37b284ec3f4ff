package dev.crema.examples.web;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.Addr;
import dev.crema.examples.coffeeshop.LiveShop;
import dev.crema.examples.coffeeshop.TokenBucket;
import java.util.ArrayDeque;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One browser's WebSocket session, as an actor with a bounded outbox. The broadcaster offers it the shop's
 * state every tick; the client sends commands.
 *
 * <p><b>The outbox.</b> At most one frame is in flight (Jetty's async {@code sendText}; its callback comes back as
 * {@link Sent}). Behind it wait at most one state frame, latest wins (a newer state replaces a pending one: counted
 * as coalesced), and at most {@link WebSettings#replyBound()} answers (hello, acks, errors), sent first; more
 * answers are dropped and counted. So a session holds at most {@code replyBound + 2} frames, however slowly its
 * client reads. A frame in flight for longer than {@link WebSettings#slowLimit()} closes the session with
 * {@value #SLOW_CODE} and a reason that says so; a close handshake that takes longer than
 * {@link WebSettings#closeGrace()} ends in a disconnect.
 *
 * <p><b>Commands.</b> The actor demands one client frame at a time ({@code session.demand()} after each), checks
 * the rate limit and the command ({@link CommandParser}), and answers every frame: an ack, or an error frame. A
 * refused frame never ends the session.
 *
 * <p>Concurrency: all state is confined to the actor's thread. Jetty's callbacks and the socket only send it
 * messages; a message for a stopped session (a late callback, a state) is a dead letter of the web system.
 * Supervised as a temporary child of the "sessions" supervisor: if it fails it is stopped, its socket closed with
 * 1011, and nothing else is touched.
 */
final class SessionActor implements Actor<SessionActor.Msg> {

    /** The close code for a client that reads too slowly (policy violation). */
    static final int SLOW_CODE = 1008;

    sealed interface Msg {}

    /** The shop's state, from the broadcaster. */
    record State(String json) implements Msg {}

    /** A client frame; {@code text} is null for a binary one. */
    record Incoming(String text) implements Msg {}

    /** Jetty finished sending frame {@code frame}, or failed to. */
    record Sent(long frame, Throwable failure) implements Msg {}

    /** Frame {@code frame} has been in flight for the slow limit. */
    record Stuck(long frame) implements Msg {}

    /** The socket closed (or failed); the session is over. */
    record SocketClosed(int code, String reason) implements Msg {}

    /** Close the session with this code and reason (the server is shutting down). */
    record CloseNow(int code, String reason) implements Msg {}

    /** The close handshake took too long. */
    enum GraceOver implements Msg { INSTANCE }

    private static final long NONE = -1;

    private final ActorContext<Msg> ctx;
    private final SessionSocket socket;
    private final Session session;
    private final WebSettings settings;
    private final WebStats stats;
    private final LiveShop shop;
    private final Addr<Broadcaster.Msg> broadcaster;
    private final CommandParser parser;
    private final TokenBucket rate; // the command budget, on System.nanoTime()
    private final Predicate<String> fault; // test seam, false outside tests: see LiveShopServer#sessionFault
    private final ArrayDeque<String> replies = new ArrayDeque<>();
    private String pendingState;
    private long inFlight = NONE;
    private boolean inFlightIsState;
    private long frames;
    private boolean closing;

    SessionActor(ActorContext<Msg> ctx, SessionSocket socket, WebSettings settings, WebStats stats, LiveShop shop,
                 Addr<Broadcaster.Msg> broadcaster, Predicate<String> fault) {
        this.ctx = ctx;
        this.socket = socket;
        this.session = socket.session();
        this.settings = settings;
        this.stats = stats;
        this.shop = shop;
        this.broadcaster = broadcaster;
        this.parser = new CommandParser(settings.maxCommandBytes());
        this.rate = new TokenBucket(settings.commandsPerSecond() * 60.0, settings.commandBurst(), System.nanoTime());
        this.fault = fault;
    }

    @Override
    public void preStart() {
        stats.sessionsOpened.increment();
        socket.attach(ctx.self());
        broadcaster.tell(new Broadcaster.Join(ctx.self()));
        reply(Frames.hello(ctx.path().substring(ctx.path().lastIndexOf('/') + 1), settings));
        session.demand();
    }

    @Override
    public void receive(Msg msg) {
        if (msg instanceof State s) {
            stats.statesOffered.increment();
            if (closing) {
                stats.statesAbandoned.increment();
                return;
            }
            if (pendingState != null) {
                stats.statesCoalesced.increment(); // latest wins
            }
            pendingState = s.json();
            held();
            pump();
        } else if (msg instanceof Incoming in) {
            if (fault.test(in.text())) {
                throw new IllegalStateException("injected fault (test seam) on client frame " + in.text());
            }
            if (!closing) {
                reply(answer(in.text()));
            }
            session.demand(); // the next client frame, even while closing: the client's close frame comes that way
        } else if (msg instanceof Sent sent && sent.frame() == inFlight) {
            inFlight = NONE;
            ctx.timers().cancel("stuck");
            if (sent.failure() != null) {
                if (inFlightIsState) {
                    stats.statesAbandoned.increment();
                }
                ctx.stop(); // the socket is broken; Jetty tells the close too, which then finds us stopped
                return;
            }
            (inFlightIsState ? stats.statesSent : stats.repliesSent).increment();
            pump();
        } else if (msg instanceof Stuck st && st.frame() == inFlight && !closing) {
            stats.closedSlow.increment();
            close(SLOW_CODE, "too slow: a frame waited " + settings.slowLimit().toMillis() + " ms to be sent");
        } else if (msg instanceof CloseNow c) {
            close(c.code(), c.reason());
        } else if (msg instanceof SocketClosed) {
            ctx.stop();
        } else if (msg == GraceOver.INSTANCE) {
            stats.disconnected.increment();
            session.disconnect();
            ctx.stop();
        }
    }

    /** The answer to one client frame: an ack, or an error frame. */
    private String answer(String text) {
        if (!rate.tryTake(System.nanoTime())) {
            return refused("rate-limited", "at most " + settings.commandsPerSecond() + " commands a second ("
                    + settings.commandBurst() + " at once)");
        }
        if (text == null) {
            return refused("bad-json", "commands are text frames of JSON, not binary");
        }
        Command c;
        try {
            c = parser.parse(text);
        } catch (CommandParser.BadCommand e) {
            return refused(e.code(), e.getMessage());
        }
        try {
            String detail = carryOut(c);
            stats.commandsAccepted.increment();
            return Frames.ack(c, detail);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return refused("refused", e.getMessage());
        }
    }

    /** Java 17: no pattern matching in switch yet, so a chain over the sealed commands. */
    private String carryOut(Command c) {
        if (c instanceof Command.Open) {
            return shop.openDoors() ? "the doors are open" : "the doors were open already";
        } else if (c instanceof Command.Burn b) {
            shop.setBurnRatePercent(b.rate());
            return "burn rate " + b.rate() + " %";
        } else if (c instanceof Command.AddBarista) {
            return "barista hired: " + shop.addBarista() + " in all";
        }
        shop.closeAsync();
        return "closing: the staff finish the orders in flight, then the report";
    }

    private String refused(String code, String message) {
        stats.commandsRefused.increment();
        return Frames.error(code, message);
    }

    private void reply(String frame) {
        if (replies.size() >= settings.replyBound()) {
            stats.repliesDropped.increment();
            return;
        }
        replies.addLast(frame);
        held();
        pump();
    }

    /** Sends the next frame if none is in flight: answers first, then the latest state. */
    private void pump() {
        if (inFlight != NONE || closing) {
            return;
        }
        String next = replies.pollFirst();
        inFlightIsState = next == null;
        if (next == null) {
            next = pendingState;
            pendingState = null;
        }
        if (next == null) {
            return;
        }
        long frame = ++frames;
        inFlight = frame;
        Addr<Msg> self = ctx.self();
        session.sendText(next, Callback.from(() -> self.tell(new Sent(frame, null)), t -> self.tell(new Sent(frame, t))));
        ctx.timers().startSingle("stuck", new Stuck(frame), settings.slowLimit());
    }

    private void held() {
        stats.maxOutbox.accumulate(replies.size() + (pendingState == null ? 0 : 1) + (inFlight == NONE ? 0 : 1));
    }

    private void close(int code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        abandonPending();
        session.close(code, reason, Callback.NOOP); // queued behind the frame in flight, if any
        ctx.timers().startSingle("grace", GraceOver.INSTANCE, settings.closeGrace());
    }

    private void abandonPending() {
        if (pendingState != null) {
            stats.statesAbandoned.increment();
            pendingState = null;
        }
        stats.repliesDropped.add(replies.size());
        replies.clear();
    }

    @Override
    public void postStop() {
        abandonPending();
        if (inFlight != NONE && inFlightIsState) {
            stats.statesAbandoned.increment(); // its callback, if it comes, is a dead letter
        }
        if (!closing && session.isOpen()) {
            session.close(1011, "the session ended on the server", Callback.NOOP); // e.g. after a failure
        }
        stats.sessionsEnded.increment();
    }
}
