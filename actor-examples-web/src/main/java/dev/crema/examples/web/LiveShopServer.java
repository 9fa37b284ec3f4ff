package dev.crema.examples.web;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.Mailbox;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.SystemConfig;
import dev.crema.actor.supervision.ChildInfo;
import dev.crema.actor.supervision.ChildSpec;
import dev.crema.actor.supervision.RestartType;
import dev.crema.actor.supervision.Supervisor;
import dev.crema.actor.supervision.SupervisorSpec;
import dev.crema.examples.coffeeshop.LiveReport;
import dev.crema.examples.coffeeshop.LiveShop;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The coffee shop, live in a browser: an embedded Jetty 12 server with the page ({@code /}, plain resource
 * files) and a WebSocket endpoint ({@code /ws}) whose every session is an actor ({@link SessionActor}) under the
 * "sessions" supervisor, fed by one {@link Broadcaster}. The shop ({@link LiveShop}) runs in its own actor system,
 * so its books audit only its own dead letters and nothing a browser does can reach its actors except the four
 * commands. {@code main} is the README's command:
 * <pre>
 *   mvn -q -pl actor-examples-web -am compile exec:java -Dexec.args="--port 8080"
 * </pre>
 * Thread-safety: {@link #start} and {@link #stop} may be called from any thread; {@link #stop} is idempotent and
 * blocks until the sessions are closed, the shop's report is printed and the server has stopped.
 */
public final class LiveShopServer implements AutoCloseable {

    /** The close code and reason every open session gets when the server stops. */
    public static final int SHUTDOWN_CODE = 1001;
    /** The reason that goes with {@link #SHUTDOWN_CODE}. */
    public static final String SHUTDOWN_REASON = "server shutting down";

    private final WebSettings settings;
    private final LiveShop shop;
    private final PrintStream out;
    private final WebStats stats = new WebStats();
    private final ActorSystem web = ActorSystem.create("web", SystemConfig.defaults().withDeadLetterLogLimit(0));
    private final Supervisor sessions = Supervisor.start(web, "sessions", SupervisorSpec.oneForOne());
    private final Addr<Broadcaster.Msg> broadcaster;
    private final CompletableFuture<Void> reportPrinted;
    private final AtomicLong ids = new AtomicLong();
    private final Server server;
    private volatile boolean stopping;
    /**
     * Test seam, off by default: a client frame it answers {@code true} for makes its session's actor throw from
     * its handler, as a bug there would, so a test can watch the supervisor deal with a failed session. Nothing
     * but the tests (same package) sets it; it sees every client text frame ({@code null} for a binary one).
     */
    volatile Predicate<String> sessionFault = text -> false;
    private LiveReport finalReport; // guarded by this

    private LiveShopServer(WebSettings settings, LiveShop shop, PrintStream out) throws Exception {
        this.settings = settings;
        this.shop = shop;
        this.out = out;
        this.reportPrinted = shop.whenClosed().thenAccept(r -> {
            out.print(r.text());
            out.flush();
        });
        this.broadcaster = web.spawn("broadcaster", ctx -> new Broadcaster(ctx, shop, stats, settings));
        this.server = jetty();
        server.start();
    }

    /**
     * Starts the shop (doors shut) and the server.
     *
     * @param shopArgs the coffee shop's options ({@link LiveShop#start})
     * @param out      where the URL and, at the end, the shop's report are printed
     * @throws IllegalArgumentException for a bad shop option
     * @throws Exception                if the port is taken or the shop did not start
     */
    public static LiveShopServer start(WebSettings settings, PrintStream out, String... shopArgs) throws Exception {
        LiveShop shop = LiveShop.start(shopArgs);
        try {
            return new LiveShopServer(settings, shop, out);
        } catch (Exception | Error e) {
            shop.close();
            throw e;
        }
    }

    private Server jetty() {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("jetty");
        Server s = new Server(threads);
        ServerConnector connector = new ServerConnector(s);
        connector.setHost("127.0.0.1"); // a demo with a "close the shop" button: this machine only
        connector.setPort(settings.port());
        if (settings.sendBufferBytes() > 0) {
            connector.setAcceptedSendBufferSize(settings.sendBufferBytes());
        }
        s.addConnector(connector);

        ContextHandler context = new ContextHandler("/");
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(s).newClassLoaderResource("web/"));
        files.setDirAllowed(false);
        files.setWelcomeFiles("index.html");
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(s, context, container -> {
            container.setMaxTextMessageSize(settings.maxFrameBytes());
            container.setMaxBinaryMessageSize(settings.maxFrameBytes());
            container.setIdleTimeout(Duration.ofMinutes(2));
            container.addMapping("/ws", (request, response, callback) -> {
                if (stopping) {
                    Response.writeError(request, response, callback, 503, SHUTDOWN_REASON);
                    return null;
                }
                return new SessionSocket(this::startSession);
            });
        });
        ws.setHandler(files);
        context.setHandler(ws);
        s.setHandler(context);
        return s;
    }

    /** On Jetty's thread, once a WebSocket is open: starts its actor under the supervisor. */
    private void startSession(SessionSocket socket) {
        ChildSpec<SessionActor.Msg> spec = ChildSpec.<SessionActor.Msg>worker("session-" + ids.incrementAndGet(),
                        ctx -> new SessionActor(ctx, socket, settings, stats, shop, broadcaster,
                                text -> sessionFault.test(text)))
                .withRestart(RestartType.TEMPORARY) // a failed session is stopped and its socket closed, nothing else
                .withSpawnOptions(SpawnOptions.defaults().withMailbox(Mailbox.bounded(64)));
        sessions.startChild(spec).whenComplete((addr, failure) -> {
            if (failure != null) {
                socket.session().close(stopping ? SHUTDOWN_CODE : 1011, stopping ? SHUTDOWN_REASON
                        : "the session could not start", org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        });
    }

    /** {@return the page's address, e.g. {@code http://127.0.0.1:8080/}} */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    /** {@return the port the server listens on (the one picked, for port 0)} */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** {@return the shop} */
    public LiveShop shop() {
        return shop;
    }

    /** {@return the server's own figures} */
    public WebStats stats() {
        return stats;
    }

    /** {@return the web actor system (sessions, broadcaster); not the shop's} */
    public ActorSystem system() {
        return web;
    }

    /** {@return sessions whose actor is running now} */
    public int liveSessions() {
        return sessions.children().size();
    }

    /**
     * Stops everything, in this order: every open session is closed with {@value #SHUTDOWN_CODE}
     * "{@value #SHUTDOWN_REASON}" (within the close grace), the shop closes and its report is printed, Jetty
     * stops, the web system shuts down. Calling it again returns the same report.
     *
     * @return the shop's report
     */
    public synchronized LiveReport stop() throws Exception {
        if (finalReport != null) {
            return finalReport;
        }
        stopping = true;
        for (ChildInfo c : sessions.children()) {
            c.address().ifPresent(a -> {
                @SuppressWarnings("unchecked") Addr<SessionActor.Msg> s = (Addr<SessionActor.Msg>) a;
                s.tell(new SessionActor.CloseNow(SHUTDOWN_CODE, SHUTDOWN_REASON));
            });
        }
        long end = System.nanoTime() + settings.closeGrace().plusSeconds(2).toNanos();
        while (liveSessions() > 0 && System.nanoTime() - end < 0) {
            Thread.sleep(10); // waiting for the close handshakes; bounded by the grace
        }
        finalReport = shop.closeAsync().get(2, TimeUnit.MINUTES);
        reportPrinted.get(10, TimeUnit.SECONDS);
        server.stop();
        web.shutdown(Duration.ofSeconds(5));
        return finalReport;
    }

    /**
     * {@link #stop()}, for try-with-resources: a failure to stop becomes an {@link IllegalStateException} (an
     * interrupt also stays set on the thread).
     */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the live shop was stopping", e);
        } catch (Exception e) {
            throw new IllegalStateException("the live shop did not stop cleanly: " + e, e);
        }
    }

    /**
     * Runs the live shop until Ctrl-C: {@code --port N} (default 8080, 0 picks a free one), then any of the coffee
     * shop's options ({@code --help} lists them).
     */
    public static void main(String[] args) throws Exception {
        int port = WebSettings.defaults().port();
        java.util.List<String> shopArgs = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--port") || a.startsWith("--port=")) {
                String v = a.equals("--port") ? (i + 1 < args.length ? args[++i] : "") : a.substring(7);
                try {
                    port = Integer.parseInt(v.strip());
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 0 || port > 65535) {
                    System.out.println("live-shop: --port must be a whole number from 0 to 65535, got '" + v + "'");
                    System.exit(2);
                }
            } else {
                shopArgs.add(a);
            }
        }
        LiveShopServer live;
        try {
            live = start(WebSettings.defaults().withPort(port), System.out, shopArgs.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            System.out.println("live-shop: " + e.getMessage() + "\n  --port N              the page's port, 0 = any free one [8080]");
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                System.out.println("\nShutting down: closing the sessions (" + SHUTDOWN_CODE + " " + SHUTDOWN_REASON
                        + "), then the shop.");
                live.stop();
                System.out.println("Stopped: " + live.stats());
            } catch (Exception e) {
                System.out.println("live-shop: the shutdown did not finish: " + e);
            }
        }, "live-shop-shutdown"));
        System.out.println("The coffee shop, live: " + live.uri() + "  (open it in a browser; Ctrl-C closes the shop"
                + " and prints its report)");
    }
}
