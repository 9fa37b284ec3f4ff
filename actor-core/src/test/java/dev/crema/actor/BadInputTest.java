package dev.crema.actor;

import static dev.crema.actor.TestSupport.awaitTerminated;
import static dev.crema.actor.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spec point 12: bad input gets a clear exception naming the problem, and leaves the system working.
 *
 * <p>The table has one row per public method and bad argument. To add a case, add a {@link #row}: a
 * name, the call (given a {@link Fixture} of live, stopped and foreign actors), the exception type and a
 * fragment its message must contain. Calls that must come from an actor's own thread use
 * {@link Fixture#inActor}.
 */
class BadInputTest {

    private static final Duration OK = Duration.ofSeconds(1);
    private static final Duration ZERO = Duration.ZERO;
    private static final Duration NEGATIVE = Duration.ofMillis(-1);
    private static final ActorFactory<String> FACTORY = ctx -> msg -> { };
    private static final String LONG_NAME = "x".repeat(256);
    private static final RegistryKey<String> KEY = RegistryKey.of("key", String.class);
    private static final Executor DIRECT = Runnable::run;

    record Ping(Addr<String> replyTo) {
    }

    /** Code that runs inside the host actor, with its context. */
    @FunctionalInterface
    interface InActor {
        void run(ActorContext<Object> ctx) throws Exception;
    }

    record Job(InActor code, CompletableFuture<Void> done) {
    }

    /** What the rows work on; built fresh for each row. */
    static final class Fixture {
        final ActorSystem system;
        final ActorSystem other;
        final Addr<Ping> live;
        final Addr<String> stopped;
        final Addr<String> foreign;
        final Addr<Job> host;
        final ActorContext<Object> hostContext;

        Fixture() throws Exception {
            system = TestSupport.newSystem("bad");
            other = TestSupport.newSystem("other");
            live = system.spawn("live", ctx -> p -> p.replyTo().tell("pong"));
            Addr<String> s = system.spawn("stopped", FACTORY);
            system.stop(s);
            awaitTerminated(system, s);
            stopped = s;
            foreign = other.spawn("foreign", FACTORY);
            CompletableFuture<ActorContext<Object>> ctxRef = new CompletableFuture<>();
            @SuppressWarnings({"unchecked", "rawtypes"})
            Addr<Job> h = (Addr) system.spawn("host", ctx -> {
                ctxRef.complete(ctx);
                return msg -> {
                    Job job = (Job) msg;
                    try {
                        job.code().run(ctx);
                        job.done().complete(null);
                    } catch (Throwable t) {
                        job.done().completeExceptionally(t);
                    }
                };
            });
            host = h;
            hostContext = get(ctxRef);
        }

        /** Runs {@code code} on the host actor's thread and rethrows what it threw. */
        void inActor(InActor code) throws Throwable {
            CompletableFuture<Void> done = new CompletableFuture<>();
            host.tell(new Job(code, done));
            try {
                done.get(TestSupport.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        }

        /** The system still spawns, delivers and answers. */
        void assertStillWorks() throws Throwable {
            assertThat(system.isShutdown()).isFalse();
            assertThat(get(live.<String>ask(Ping::new, TestSupport.WAIT))).isEqualTo("pong");
            CompletableFuture<String> fresh = new CompletableFuture<>();
            system.<String>spawnAnonymous(ctx -> fresh::complete).tell("spawned");
            assertThat(get(fresh)).isEqualTo("spawned");
            inActor(ctx -> ctx.spawnAnonymous(FACTORY));
        }

        void close() {
            system.shutdown(TestSupport.SHUTDOWN);
            other.shutdown(TestSupport.SHUTDOWN);
        }
    }

    @FunctionalInterface
    interface Call {
        void run(Fixture f) throws Throwable;
    }

    record Row(String name, Call call, Class<? extends Throwable> type, String message) {
        @Override
        public String toString() {
            return name + " -> " + type.getSimpleName() + " '" + message + "'";
        }
    }

    private static Row row(String name, Call call, Class<? extends Throwable> type, String message) {
        return new Row(name, call, type, message);
    }

    private static final Class<NullPointerException> NPE = NullPointerException.class;
    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    private static final Class<IllegalStateException> ISE = IllegalStateException.class;

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Stream<Row> table() {
        return Stream.of(
                // ---- ActorSystem
                row("ActorSystem.create(null)", f -> ActorSystem.create(null), NPE, "system name must not be null"),
                row("ActorSystem.create(\"\")", f -> ActorSystem.create(""), IAE, "1 to 64 characters"),
                row("ActorSystem.create(\"has space\")", f -> ActorSystem.create("has space"), IAE, "contains ' '"),
                row("ActorSystem.create(65 chars)", f -> ActorSystem.create("s".repeat(65)), IAE, "1 to 64 characters"),
                row("ActorSystem.create(name, null)", f -> ActorSystem.create("x", null), NPE, "config must not be null"),
                row("spawn(null, f)", f -> f.system.spawn(null, FACTORY), NPE, "actor name must not be null"),
                row("spawn(\"\", f)", f -> f.system.spawn("", FACTORY), IAE, "1 to 255 characters"),
                row("spawn(256 chars, f)", f -> f.system.spawn(LONG_NAME, FACTORY), IAE, "1 to 255 characters"),
                row("spawn(\"a/b\", f)", f -> f.system.spawn("a/b", FACTORY), IAE, "contains '/'"),
                row("spawn(\"$1\", f)", f -> f.system.spawn("$1", FACTORY), IAE, "must not start with '$'"),
                row("spawn(taken, f)", f -> f.system.spawn("live", FACTORY), IAE, "'live' is already taken"),
                row("spawn(name, null)", f -> f.system.spawn("x", null), NPE, "factory must not be null"),
                row("spawn(name, f, null)", f -> f.system.spawn("x", FACTORY, null), NPE, "options must not be null"),
                row("spawnAnonymous(null)", f -> f.system.spawnAnonymous(null), NPE, "factory must not be null"),
                row("spawnAnonymous(f, null)", f -> f.system.spawnAnonymous(FACTORY, null), NPE, "options must not be null"),
                row("stop(null)", f -> f.system.stop(null), NPE, "must not be null"),
                row("stop(foreign)", f -> f.system.stop(f.foreign), IAE, "not an actor of system 'bad'"),
                row("whenTerminated(null)", f -> f.system.whenTerminated(null), NPE, "must not be null"),
                row("whenTerminated(foreign)", f -> f.system.whenTerminated(f.foreign), IAE, "not an actor of system"),
                row("shutdown(null)", f -> f.system.shutdown(null), NPE, "shutdown deadline must not be null"),
                row("shutdown(0)", f -> f.system.shutdown(ZERO), IAE, "shutdown deadline must be positive"),
                row("shutdown(-1ms)", f -> f.system.shutdown(NEGATIVE), IAE, "shutdown deadline must be positive"),
                row("shutdownAsync(0)", f -> f.system.shutdownAsync(ZERO), IAE, "shutdown deadline must be positive"),
                // ---- Addr
                row("tell(null)", f -> ((Addr) f.live).tell(null), NPE, "message must not be null"),
                row("trySend(null)", f -> ((Addr) f.live).trySend(null), NPE, "message must not be null"),
                row("send(null, t)", f -> ((Addr) f.live).send(null, OK), NPE, "message must not be null"),
                row("send(m, null)", f -> ((Addr) f.stopped).send("m", null), NPE, "send timeout must not be null"),
                row("send(m, 0)", f -> ((Addr) f.stopped).send("m", ZERO), IAE, "send timeout must be positive"),
                row("send(m, -1ms)", f -> ((Addr) f.stopped).send("m", NEGATIVE), IAE, "send timeout must be positive"),
                row("ask(null, t)", f -> f.live.ask(null, OK), NPE, "request function must not be null"),
                row("ask(f, null)", f -> f.live.ask(Ping::new, null), NPE, "ask timeout must not be null"),
                row("ask(f, 0)", f -> f.live.ask(Ping::new, ZERO), IAE, "ask timeout must be positive"),
                row("ask(r -> null, t)", f -> f.live.ask(r -> null, OK), NPE, "request function returned null"),
                // ---- settings
                row("Mailbox.bounded(0)", f -> Mailbox.bounded(0), IAE, "mailbox capacity must be between 1"),
                row("Mailbox.bounded(-5)", f -> Mailbox.bounded(-5), IAE, "mailbox capacity"),
                row("Mailbox.bounded(MAX+1)", f -> Mailbox.bounded(Mailbox.MAX_CAPACITY + 1), IAE, "mailbox capacity"),
                row("SpawnOptions.withMailbox(null)", f -> SpawnOptions.defaults().withMailbox(null), NPE, "mailbox must not be null"),
                row("SpawnOptions.withDispatcher(null)", f -> SpawnOptions.defaults().withDispatcher(null), NPE, "dispatcher must not be null"),
                row("SpawnOptions.withThroughput(0)", f -> SpawnOptions.defaults().withThroughput(0), IAE, "throughput must be at least 1"),
                row("SpawnOptions.withDecider(null)", f -> SpawnOptions.defaults().withDecider(null), NPE, "decider must not be null"),
                row("SystemConfig.withParallelism(0)", f -> SystemConfig.defaults().withParallelism(0), IAE, "parallelism must be between 1"),
                row("SystemConfig.withBlockingThreads(0)", f -> SystemConfig.defaults().withBlockingThreads(0), IAE, "blocking threads"),
                row("SystemConfig.withThroughput(0)", f -> SystemConfig.defaults().withThroughput(0), IAE, "throughput"),
                row("SystemConfig.withDefaultMailbox(null)", f -> SystemConfig.defaults().withDefaultMailbox(null), NPE, "default mailbox"),
                row("SystemConfig.withShutdownTimeout(null)", f -> SystemConfig.defaults().withShutdownTimeout(null), NPE, "shutdown timeout"),
                row("SystemConfig.withShutdownTimeout(0)", f -> SystemConfig.defaults().withShutdownTimeout(ZERO), IAE, "shutdown timeout must be positive"),
                row("SystemConfig.withDeadLetterLogLimit(-1)", f -> SystemConfig.defaults().withDeadLetterLogLimit(-1), IAE, "dead letter log limit"),
                row("Dispatcher.of(null, e)", f -> Dispatcher.of(null, DIRECT), NPE, "dispatcher name must not be null"),
                row("Dispatcher.of(name, null)", f -> Dispatcher.of("x", null), NPE, "dispatcher executor must not be null"),
                row("Dispatcher.of(\" \", e)", f -> Dispatcher.of(" ", DIRECT), IAE, "must not be blank"),
                row("Decider.on(null, d)", f -> Decider.on(null, Directive.STOP), NPE, "type must not be null"),
                row("Decider.on(t, null)", f -> Decider.on(RuntimeException.class, null), NPE, "directive must not be null"),
                row("Decider.orElse(null)", f -> Decider.stop().orElse(null), NPE, "fallback must not be null"),
                // ---- Registry
                row("RegistryKey.of(null, t)", f -> RegistryKey.of(null, String.class), NPE, "registry name must not be null"),
                row("RegistryKey.of(n, null)", f -> RegistryKey.of("n", null), NPE, "registry key type must not be null"),
                row("RegistryKey.of(\"\", t)", f -> RegistryKey.of("", String.class), IAE, "1 to 255 characters"),
                row("RegistryKey.of(\"a b\", t)", f -> RegistryKey.of("a b", String.class), IAE, "white space"),
                row("RegistryKey.of(256 chars, t)", f -> RegistryKey.of(LONG_NAME, String.class), IAE, "1 to 255 characters"),
                row("register(null, a)", f -> f.system.registry().register(null, f.stopped), NPE, "registry key must not be null"),
                row("register(k, null)", f -> f.system.registry().register(KEY, null), NPE, "must not be null"),
                row("register(k, foreign)", f -> f.system.registry().register(KEY, f.foreign), IAE, "not an actor of system 'bad'"),
                row("register(k, stopped)", f -> f.system.registry().register(KEY, f.stopped), ISE, "has stopped"),
                row("register(k, askReplyHandle)", f -> {
                    CompletableFuture<Addr<String>> handle = new CompletableFuture<>();
                    get(f.live.<String>ask(r -> {
                        handle.complete(r);
                        return new Ping(r);
                    }, OK));
                    f.system.registry().register(KEY, handle.join());
                }, IAE, "not an actor of system 'bad'"),
                row("lookup(null)", f -> f.system.registry().lookup(null), NPE, "registry key must not be null"),
                row("unregister(null, a)", f -> f.system.registry().unregister(null, f.stopped), NPE, "registry key must not be null"),
                row("unregister(k, null)", f -> f.system.registry().unregister(KEY, null), NPE, "addr must not be null"),
                row("whenRegistered(null, t)", f -> f.system.registry().whenRegistered(null, OK), NPE, "registry key must not be null"),
                row("whenRegistered(k, null)", f -> f.system.registry().whenRegistered(KEY, null), NPE, "must not be null"),
                row("whenRegistered(k, 0)", f -> f.system.registry().whenRegistered(KEY, ZERO), IAE, "registry wait timeout must be positive"),
                // ---- DeadLetters
                row("deadLetters().subscribe(null)", f -> f.system.deadLetters().subscribe(null), NPE, "subscriber must not be null"),
                row("deadLetters().count(null)", f -> f.system.deadLetters().count(null), NPE, "reason must not be null"),
                // ---- ActorContext (on the actor's thread)
                row("ctx.spawn(null, f)", f -> f.inActor(ctx -> ctx.spawn(null, FACTORY)), NPE, "actor name must not be null"),
                row("ctx.spawn(\"a b\", f)", f -> f.inActor(ctx -> ctx.spawn("a b", FACTORY)), IAE, "contains ' '"),
                row("ctx.spawn(name, null)", f -> f.inActor(ctx -> ctx.spawn("kid", null)), NPE, "factory must not be null"),
                row("ctx.spawn(name, f, null)", f -> f.inActor(ctx -> ctx.spawn("kid", FACTORY, null)), NPE, "options must not be null"),
                row("ctx.spawn(taken, f)", f -> f.inActor(ctx -> {
                    ctx.spawn("twin", FACTORY);
                    ctx.spawn("twin", FACTORY);
                }), IAE, "'twin' is already taken"),
                row("ctx.spawnAnonymous(null)", f -> f.inActor(ctx -> ctx.spawnAnonymous(null)), NPE, "factory must not be null"),
                row("ctx.stop(null)", f -> f.inActor(ctx -> ctx.stop(null)), NPE, "child must not be null"),
                row("ctx.stop(notAChild)", f -> f.inActor(ctx -> ctx.stop(f.live)), IAE, "is not a child of"),
                row("ctx.watch(null, fn)", f -> f.inActor(ctx -> ctx.watch(null, t -> "x")), NPE, "must not be null"),
                row("ctx.watch(a, null)", f -> f.inActor(ctx -> ctx.watch(f.live, null)), NPE, "onTerminated must not be null"),
                row("ctx.watch(self, fn)", f -> f.inActor(ctx -> ctx.watch(ctx.self(), t -> "x")), IAE, "cannot watch itself"),
                row("ctx.watch(foreign, fn)", f -> f.inActor(ctx -> ctx.watch(f.foreign, t -> "x")), IAE, "not an actor of system 'bad'"),
                row("ctx.unwatch(null)", f -> f.inActor(ctx -> ctx.unwatch(null)), NPE, "target must not be null"),
                row("timers.startSingle(null, m, d)", f -> f.inActor(ctx -> ctx.timers().startSingle(null, "m", OK)), NPE, "timer key must not be null"),
                row("timers.startSingle(k, null, d)", f -> f.inActor(ctx -> ctx.timers().startSingle("k", null, OK)), NPE, "timer message must not be null"),
                row("timers.startSingle(k, m, null)", f -> f.inActor(ctx -> ctx.timers().startSingle("k", "m", null)), NPE, "timer delay must not be null"),
                row("timers.startSingle(k, m, 0)", f -> f.inActor(ctx -> ctx.timers().startSingle("k", "m", ZERO)), IAE, "timer delay must be positive"),
                row("timers.startPeriodic(k, m, -1ms)", f -> f.inActor(ctx -> ctx.timers().startPeriodic("k", "m", NEGATIVE)), IAE, "timer interval must be positive"),
                row("timers.cancel(null)", f -> f.inActor(ctx -> ctx.timers().cancel(null)), NPE, "timer key must not be null"),
                row("ctx used from another thread", f -> f.hostContext.spawn("outside", FACTORY), ISE, "may only be used from the actor's own thread"),
                row("ctx.timers() from another thread", f -> f.hostContext.timers(), ISE, "may only be used from the actor's own thread"),
                // ---- value types
                row("new DeadLetter(null, ...)", f -> new DeadLetter(null, "m", DeadLetterReason.STOPPED, null), NPE, "recipient must not be null"),
                row("new Terminated(null, ...)", f -> new Terminated(null, null), NPE, "actor must not be null"));
    }

    private Fixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new Fixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void badInput_getsAClearException_andTheSystemStillWorks(Row row) throws Throwable {
        assertThatThrownBy(() -> row.call().run(fixture))
                .isInstanceOf(row.type())
                .hasMessageContaining(row.message());
        fixture.assertStillWorks();
    }

    @Test
    void spawnAfterShutdown_isRefusedWithIllegalState() {
        fixture.system.shutdown(TestSupport.SHUTDOWN);
        assertThatThrownBy(() -> fixture.system.spawn("late", FACTORY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shut down");
    }

    @Test
    void badInput_isRefusedBeforeAnythingHappens_noActorOrNameIsLeftBehind() throws Exception {
        TestSupport.RuntimeProbe probe = new TestSupport.RuntimeProbe(fixture.system);
        long live = probe.liveActors();
        for (String bad : List.of("", "a/b", "$x", "sp ace", LONG_NAME, "live")) {
            assertThatThrownBy(() -> fixture.system.spawn(bad, FACTORY)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(probe.liveActors()).isEqualTo(live);
        assertThat(fixture.system.registry().names()).isEmpty();
    }
}
