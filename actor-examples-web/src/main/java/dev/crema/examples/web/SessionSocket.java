package dev.crema.examples.web;

import dev.crema.actor.Addr;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Jetty's side of one WebSocket session: it hands every event to the session's actor and does nothing else.
 * It does not demand frames by itself: the actor calls {@code session.demand()} when it is ready for the next
 * client frame, so a client can never have more than one frame waiting in the server.
 *
 * <p>Concurrency: Jetty calls the {@code onWebSocket*} methods one at a time for a session, on its own threads.
 * The actor attaches itself ({@link #attach}) from its {@code preStart}, before its first demand, so a text frame
 * always finds the actor. A close or an error can come before that (the client went away at once): it is kept
 * under this object's lock and handed over in {@link #attach}. Only the first of close and error is passed on.
 *
 * <p>Public only because Jetty reaches the listener methods through method handles; nothing else is for use
 * outside this package.
 */
public final class SessionSocket implements Session.Listener {

    private final Consumer<SessionSocket> onOpen;
    private volatile Session session;
    private Addr<SessionActor.Msg> actor;   // guarded by this
    private SessionActor.SocketClosed ended; // guarded by this: the first close or error

    /** @param onOpen starts the session's actor; called on Jetty's thread once the upgrade is done */
    SessionSocket(Consumer<SessionSocket> onOpen) {
        this.onOpen = onOpen;
    }

    /** {@return the Jetty session; set before {@code onOpen} runs} */
    Session session() {
        return session;
    }

    /** Called by the actor, from its own thread, before it first demands a frame. */
    synchronized void attach(Addr<SessionActor.Msg> self) {
        actor = self;
        if (ended != null) {
            self.tell(ended);
        }
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        onOpen.accept(this);
    }

    @Override
    public void onWebSocketText(String text) {
        Addr<SessionActor.Msg> a;
        synchronized (this) {
            a = actor;
        }
        a.tell(new SessionActor.Incoming(text)); // text null: a binary frame. Attached: frames come only after the actor's first demand
    }

    @Override
    public void onWebSocketBinary(java.nio.ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
        callback.succeed(); // not kept: the actor only answers that commands are text
        onWebSocketText(null);
    }

    @Override
    public void onWebSocketClose(int code, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
        end(new SessionActor.SocketClosed(code, reason));
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        end(new SessionActor.SocketClosed(1006, String.valueOf(cause)));
    }

    private synchronized void end(SessionActor.SocketClosed why) {
        if (ended != null) {
            return;
        }
        ended = why;
        if (actor != null) {
            actor.tell(why); // a stopped actor makes it a dead letter, as any message to a stopped actor
        }
    }
}
