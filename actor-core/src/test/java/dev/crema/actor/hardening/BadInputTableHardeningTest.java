package dev.crema.actor.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.crema.actor.ActorContext;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.AskRejectedException;
import dev.crema.actor.RegistryKey;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.SystemConfig;
import dev.crema.actor.Timers;
import dev.crema.actor.supervision.Backoff;
import dev.crema.actor.supervision.ChildSpec;
import dev.crema.actor.supervision.RestartType;
import dev.crema.actor.supervision.StopPolicy;
import dev.crema.actor.supervision.Supervisor;
import dev.crema.actor.supervision.SupervisorSpec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue point 7, the bad-input table for the supervision API ({@link Supervisor}, {@link SupervisorSpec},
 * {@link ChildSpec}, {@link Backoff}, {@link StopPolicy}) and for calls in the wrong state (after
 * shutdown, on stopped actors, from the wrong thread). Each row is a call, the exception it must raise
 * (at once, or as the failure of the returned future) and a fragment of the message that names the
 * problem; after each row the system must still work.
 *
 * <p><b>Adding API?</b> Add its rows to {@link #supervisionApi()} or {@link #wrongState()}:
 * {@code now(...)} for a call that must throw, {@code later(...)} for one whose future must fail.
 */
class BadInputTableHardeningTest {

    // ---------------------------------------------------------------- the table

    static Stream<Row> supervisionApi() {
        Duration s1 = Duration.ofSeconds(1);
        Duration zero = Duration.ZERO;
        Duration negative = Duration.ofMillis(-1);
        return Stream.of(
                // Supervisor.start / startAsync
                now("Supervisor.start(null system, ..)", NullPointerException.class, "system must not be null",
                        f -> Supervisor.start(null, "s", f.emptySpec())),
                now("Supervisor.start(.., null name, ..)", NullPointerException.class, "actor name must not be null",
                        f -> Supervisor.start(f.system, null, f.emptySpec())),
                now("Supervisor.start(.., null spec)", NullPointerException.class, "supervisor spec must not be null",
                        f -> Supervisor.start(f.system, "s", null)),
                now("Supervisor.start(.., \"\" name, ..)", IllegalArgumentException.class, "1 to 255 characters",
                        f -> Supervisor.start(f.system, "", f.emptySpec())),
                now("Supervisor.start(.., \"$gen\" name, ..)", IllegalArgumentException.class, "must not start with '$'",
                        f -> Supervisor.start(f.system, "$gen", f.emptySpec())),
                now("Supervisor.start(.., \"a b\" name, ..)", IllegalArgumentException.class, "contains ' '",
                        f -> Supervisor.start(f.system, "a b", f.emptySpec())),
                now("Supervisor.start(.., a taken name, ..)", IllegalArgumentException.class, "already taken",
                        f -> Supervisor.start(f.system, "sup", f.emptySpec())),
                now("Supervisor.startAsync(null system, ..)", NullPointerException.class, "system must not be null",
                        f -> Supervisor.startAsync(null, "s", f.emptySpec())),
                now("Supervisor.startAsync(.., null spec)", NullPointerException.class, "supervisor spec must not be null",
                        f -> Supervisor.startAsync(f.system, "s", null)),
                now("Supervisor.start(null context, ..)", NullPointerException.class, "parent context must not be null",
                        f -> Supervisor.start((ActorContext<?>) null, "s", f.emptySpec(), SpawnOptions.defaults())),
                later("Supervisor.start(context, .., null spec, ..) on the actor's thread", NullPointerException.class,
                        "supervisor spec must not be null",
                        f -> f.inside(ctx -> Supervisor.start(ctx, "s", null, SpawnOptions.defaults()))),
                later("Supervisor.start(context, .., null options) on the actor's thread", NullPointerException.class,
                        "spawn options must not be null",
                        f -> f.inside(ctx -> Supervisor.start(ctx, "s", f.emptySpec(), null))),
                now("Supervisor.start(context, ..) from another thread", IllegalStateException.class, "own thread",
                        f -> Supervisor.start(f.stoppedContext, "s", f.emptySpec(), SpawnOptions.defaults())),
                // Supervisor handle
                now("sup.child((String) null)", NullPointerException.class, "child id must not be null",
                        f -> f.sup.child((String) null)),
                now("sup.child((ChildSpec) null)", NullPointerException.class, "child spec must not be null",
                        f -> f.sup.child((ChildSpec<?>) null)),
                now("sup.childSupervisor(null)", NullPointerException.class, "child id must not be null",
                        f -> f.sup.childSupervisor(null)),
                now("sup.startChild(null)", NullPointerException.class, "child spec must not be null",
                        f -> f.sup.startChild(null)),
                now("sup.terminateChild(null)", NullPointerException.class, "child id must not be null",
                        f -> f.sup.terminateChild(null)),
                now("sup.restartChild(null)", NullPointerException.class, "child id must not be null",
                        f -> f.sup.restartChild((String) null)),
                now("sup.restartChild(null spec)", NullPointerException.class, "child spec must not be null",
                        f -> f.sup.restartChild((ChildSpec<Object>) null)),
                now("sup.startPoolChild(null)", NullPointerException.class, "pool template must not be null",
                        f -> f.sup.startPoolChild(null)),
                now("sup.deleteChild(null)", NullPointerException.class, "child id must not be null",
                        f -> f.sup.deleteChild(null)),
                later("sup.terminateChild(unknown id)", IllegalArgumentException.class, "no child 'nope'",
                        f -> f.sup.terminateChild("nope")),
                later("sup.restartChild(unknown id)", IllegalArgumentException.class, "no child 'nope'",
                        f -> f.sup.restartChild("nope")),
                later("sup.deleteChild(unknown id)", IllegalArgumentException.class, "no child 'nope'",
                        f -> f.sup.deleteChild("nope")),
                later("sup.restartChild(a running child)", IllegalStateException.class, "is running",
                        f -> f.sup.restartChild("a")),
                later("sup.deleteChild(a running child)", IllegalStateException.class, "is running",
                        f -> f.sup.deleteChild("a")),
                later("sup.startChild(spec with an existing id)", IllegalArgumentException.class, "already exists",
                        f -> f.sup.startChild(ChildSpec.worker("a", ctx -> m -> { }))),
                later("sup.startChild() on a supervisor that is not a pool", IllegalArgumentException.class, "is not a pool",
                        f -> f.sup.startChild()),
                later("pool.startChild(spec)", IllegalArgumentException.class, "is a pool",
                        f -> f.pool.startChild(ChildSpec.worker("x", ctx -> m -> { }))),
                // SupervisorSpec
                now("SupervisorSpec.pool(null)", NullPointerException.class, "pool template must not be null",
                        f -> SupervisorSpec.pool(null)),
                now("spec.withChild(null)", NullPointerException.class, "child spec must not be null",
                        f -> SupervisorSpec.oneForOne().withChild(null)),
                now("spec.withChild(duplicate id)", IllegalArgumentException.class, "duplicate child id 'a'",
                        f -> SupervisorSpec.oneForOne().withChild(f.worker("a")).withChild(f.worker("a"))),
                now("pool spec.withChild(..)", IllegalArgumentException.class, "has no static children",
                        f -> SupervisorSpec.pool(f.worker("t")).withChild(f.worker("a"))),
                now("spec.withIntensity(-1, ..)", IllegalArgumentException.class, "must not be negative, got -1",
                        f -> SupervisorSpec.oneForOne().withIntensity(-1, s1)),
                now("spec.withIntensity(.., null)", NullPointerException.class, "restart period must not be null",
                        f -> SupervisorSpec.oneForOne().withIntensity(1, null)),
                now("spec.withIntensity(.., 0 s)", IllegalArgumentException.class, "restart period must be positive",
                        f -> SupervisorSpec.oneForOne().withIntensity(1, zero)),
                now("spec.withIntensity(.., -1 ms)", IllegalArgumentException.class, "restart period must be positive",
                        f -> SupervisorSpec.oneForOne().withIntensity(1, negative)),
                now("spec.withDecider(null)", NullPointerException.class, "decider must not be null",
                        f -> SupervisorSpec.oneForOne().withDecider(null)),
                now("spec.withAutoShutdown(null)", NullPointerException.class, "auto shutdown must not be null",
                        f -> SupervisorSpec.oneForOne().withAutoShutdown(null)),
                now("spec.withTicker(null)", NullPointerException.class, "ticker must not be null",
                        f -> SupervisorSpec.oneForOne().withTicker(null)),
                now("spec.withStartTimeout(null)", NullPointerException.class, "start timeout must not be null",
                        f -> SupervisorSpec.oneForOne().withStartTimeout(null)),
                now("spec.withStartTimeout(0 s)", IllegalArgumentException.class, "start timeout must be positive",
                        f -> SupervisorSpec.oneForOne().withStartTimeout(zero)),
                now("spec.withStartTimeout(-1 ms)", IllegalArgumentException.class, "start timeout must be positive",
                        f -> SupervisorSpec.oneForOne().withStartTimeout(negative)),
                // ChildSpec
                now("ChildSpec.worker(null id, ..)", NullPointerException.class, "actor name must not be null",
                        f -> ChildSpec.worker(null, ctx -> m -> { })),
                now("ChildSpec.worker(\"\", ..)", IllegalArgumentException.class, "1 to 255 characters",
                        f -> ChildSpec.worker("", ctx -> m -> { })),
                now("ChildSpec.worker(256 characters, ..)", IllegalArgumentException.class, "got 256",
                        f -> ChildSpec.worker("x".repeat(256), ctx -> m -> { })),
                now("ChildSpec.worker(\"$gen\", ..)", IllegalArgumentException.class, "must not start with '$'",
                        f -> ChildSpec.worker("$gen", ctx -> m -> { })),
                now("ChildSpec.worker(\"a/b\", ..)", IllegalArgumentException.class, "contains '/'",
                        f -> ChildSpec.worker("a/b", ctx -> m -> { })),
                now("ChildSpec.worker(.., null factory)", NullPointerException.class, "child factory must not be null",
                        f -> ChildSpec.worker("a", null)),
                now("ChildSpec.supervisor(null id, ..)", NullPointerException.class, "actor name must not be null",
                        f -> ChildSpec.supervisor(null, f.emptySpec())),
                now("ChildSpec.supervisor(\"a b\", ..)", IllegalArgumentException.class, "contains ' '",
                        f -> ChildSpec.supervisor("a b", f.emptySpec())),
                now("ChildSpec.supervisor(.., null spec)", NullPointerException.class, "supervisor spec must not be null",
                        f -> ChildSpec.supervisor("a", null)),
                now("child.withRestart(null)", NullPointerException.class, "restart type must not be null",
                        f -> f.worker("a").withRestart(null)),
                now("child.withStopPolicy(null)", NullPointerException.class, "stop policy must not be null",
                        f -> f.worker("a").withStopPolicy(null)),
                now("child.withBackoff(null)", NullPointerException.class, "backoff must not be null",
                        f -> f.worker("a").withBackoff(null)),
                now("child.withSpawnOptions(null)", NullPointerException.class, "spawn options must not be null",
                        f -> f.worker("a").withSpawnOptions(null)),
                now("child.withRegistryKey(null)", NullPointerException.class, "registry key must not be null",
                        f -> f.worker("a").withRegistryKey(null)),
                now("child.withId(null)", NullPointerException.class, "actor name must not be null",
                        f -> f.worker("a").withId(null)),
                now("child.withId(\"\")", IllegalArgumentException.class, "1 to 255 characters",
                        f -> f.worker("a").withId("")),
                now("permanent child.withSignificant(true)", IllegalArgumentException.class, "cannot be significant",
                        f -> f.worker("a").withSignificant(true)),
                now("significant child.withRestart(PERMANENT)", IllegalArgumentException.class, "cannot be significant",
                        f -> f.worker("a").withRestart(RestartType.TRANSIENT).withSignificant(true)
                                .withRestart(RestartType.PERMANENT)),
                // Backoff
                now("Backoff.exponential(null, ..)", NullPointerException.class, "backoff minimum must not be null",
                        f -> Backoff.exponential(null, s1)),
                now("Backoff.exponential(.., null)", NullPointerException.class, "backoff maximum must not be null",
                        f -> Backoff.exponential(s1, null)),
                now("Backoff.exponential(0 s, ..)", IllegalArgumentException.class, "backoff minimum must be positive",
                        f -> Backoff.exponential(zero, s1)),
                now("Backoff.exponential(-1 ms, ..)", IllegalArgumentException.class, "backoff minimum must be positive",
                        f -> Backoff.exponential(negative, s1)),
                now("Backoff.exponential(2 s, 1 s)", IllegalArgumentException.class, "is less than the minimum",
                        f -> Backoff.exponential(Duration.ofSeconds(2), s1)),
                now("backoff.withJitter(-0.1)", IllegalArgumentException.class, "between 0 and 1, got -0.1",
                        f -> f.backoff().withJitter(-0.1)),
                now("backoff.withJitter(1.5)", IllegalArgumentException.class, "between 0 and 1, got 1.5",
                        f -> f.backoff().withJitter(1.5)),
                now("backoff.withJitter(NaN)", IllegalArgumentException.class, "got NaN",
                        f -> f.backoff().withJitter(Double.NaN)),
                now("backoff.withResetAfter(null)", NullPointerException.class, "backoff reset must not be null",
                        f -> f.backoff().withResetAfter(null)),
                now("backoff.withResetAfter(0 s)", IllegalArgumentException.class, "backoff reset must be positive",
                        f -> f.backoff().withResetAfter(zero)),
                now("backoff.delay(0, ..)", IllegalArgumentException.class, "attempt must be at least 1, got 0",
                        f -> f.backoff().delay(0, 0.5)),
                // undocumented: random is documented as "a uniform random number in [0, 1)"; outside it the delay
                // is silently wrong (NaN gives 0, -1 gives 0, 5 gives six times the base)
                now("backoff.delay(1, NaN)", IllegalArgumentException.class, "random",
                        f -> f.backoff().delay(1, Double.NaN)),
                now("backoff.delay(1, -1)", IllegalArgumentException.class, "random",
                        f -> f.backoff().delay(1, -1)),
                now("backoff.delay(1, 5)", IllegalArgumentException.class, "random",
                        f -> f.backoff().delay(1, 5)),
                // StopPolicy
                now("StopPolicy.after(null)", NullPointerException.class, "stop timeout must not be null",
                        f -> StopPolicy.after(null)),
                now("StopPolicy.after(0 s)", IllegalArgumentException.class, "stop timeout must be positive",
                        f -> StopPolicy.after(zero)),
                now("StopPolicy.after(-1 ms)", IllegalArgumentException.class, "stop timeout must be positive",
                        f -> StopPolicy.after(negative)));
    }

    static Stream<Row> wrongState() {
        RegistryKey<Object> key = RegistryKey.of("wrong-state", Object.class);
        return Stream.of(
                // after shutdown
                now("system.spawn(..) after shutdown", IllegalStateException.class, "is shut down",
                        f -> f.shut.spawn("late", ctx -> m -> { })),
                now("system.spawnAnonymous(..) after shutdown", IllegalStateException.class, "is shut down",
                        f -> f.shut.spawnAnonymous(ctx -> m -> { })),
                now("Supervisor.start(system, ..) after shutdown", IllegalStateException.class, "is shut down",
                        f -> Supervisor.start(f.shut, "late", f.emptySpec())),
                now("Supervisor.startAsync(system, ..) after shutdown", IllegalStateException.class, "is shut down",
                        f -> Supervisor.startAsync(f.shut, "late", f.emptySpec())),
                later("sup.startChild(..) after shutdown", AskRejectedException.class, "the actor system shut down",
                        f -> f.shutSup.startChild(f.worker("late"))),
                later("sup.terminateChild(..) after shutdown", AskRejectedException.class, "the actor system shut down",
                        f -> f.shutSup.terminateChild("a")),
                now("registry.register(key, stopped actor) after shutdown", IllegalStateException.class, "has stopped",
                        f -> {
                            f.shut.registry().register(key, f.shutActor);
                            return null;
                        }),
                // undocumented: a wait on a system that is shut down can never be satisfied; it must not hang
                later("registry.whenRegistered(..) after shutdown", Exception.class, "",
                        f -> f.shut.registry().whenRegistered(key, Duration.ofSeconds(60))),
                later("registry.whenRegistered(..) pending when the system shuts down", Exception.class, "",
                        f -> {
                            ActorSystem s = ActorSystem.create("pending-wait", SystemConfig.defaults());
                            CompletableFuture<Addr<Object>> wait = s.registry().whenRegistered(key, Duration.ofSeconds(60));
                            s.shutdown(Duration.ofSeconds(5));
                            return wait;
                        }),
                later("ask(..) after shutdown", AskRejectedException.class, "the actor system shut down",
                        f -> f.shutActor.ask(r -> r, Duration.ofSeconds(1))),
                later("shutdown() from inside an actor", IllegalStateException.class, "must not be called from an actor",
                        f -> f.inside(ctx -> ctx.system().shutdown(Duration.ofSeconds(1)))),
                // stopped actors
                later("ask(..) of a stopped actor", AskRejectedException.class, "actor stopped",
                        f -> f.stoppedActor.ask(r -> r, Duration.ofSeconds(1))),
                later("stopped supervisor.startChild(..)", AskRejectedException.class, "actor stopped",
                        f -> f.stoppedSup.startChild(f.worker("late"))),
                later("stopped supervisor.restartChild(..)", AskRejectedException.class, "actor stopped",
                        f -> f.stoppedSup.restartChild("a")),
                now("registry.register(key, stopped actor)", IllegalStateException.class, "has stopped",
                        f -> {
                            f.system.registry().register(key, f.stoppedActor);
                            return null;
                        }),
                now("stopped actor's context.spawn(..)", IllegalStateException.class, "own thread",
                        f -> f.stoppedContext.spawn("x", ctx -> m -> { })),
                now("stopped actor's context.watch(..)", IllegalStateException.class, "own thread",
                        f -> {
                            f.stoppedContext.watch(f.echo, t -> t);
                            return null;
                        }),
                now("stopped actor's context.timers()", IllegalStateException.class, "own thread",
                        f -> f.stoppedContext.timers()),
                now("stopped actor's timers.startSingle(..)", IllegalStateException.class, "own thread",
                        f -> {
                            f.stoppedTimers.startSingle("k", "tick", Duration.ofSeconds(1));
                            return null;
                        }),
                now("stopped actor's context.children()", IllegalStateException.class, "own thread",
                        f -> f.stoppedContext.children()),
                // addresses of another system
                now("registry.register(key, actor of another system)", IllegalArgumentException.class,
                        "not an actor of system 'bad-input'", f -> {
                            f.system.registry().register(key, f.shutActor);
                            return null;
                        }),
                now("system.stop(actor of another system)", IllegalArgumentException.class, "not an actor of system",
                        f -> {
                            f.system.stop(f.shutActor);
                            return null;
                        }));
    }

    static Stream<Row> rows() {
        return Stream.concat(supervisionApi(), wrongState());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void badInputIsRefusedWithAClearException_andTheSystemStillWorks(Row row) throws Exception {
        Throwable thrown;
        if (row.async()) {
            Object result = row.call().run(fixture);
            assertThat(result).as("%s returns a future", row.name()).isInstanceOf(CompletableFuture.class);
            // every future here completes in milliseconds when it is right; 3 s only catches a hang
            thrown = catchThrowable(() -> ((CompletableFuture<?>) result).get(3, TimeUnit.SECONDS));
            assertThat(thrown).as("%s: the future completes (exceptionally) instead of hanging", row.name())
                    .isNotInstanceOf(TimeoutException.class).isInstanceOf(ExecutionException.class);
            thrown = unwrap(thrown.getCause());
        } else {
            thrown = catchThrowable(() -> row.call().run(fixture));
        }
        assertThat(thrown).as(row.name()).isInstanceOf(row.expected()).hasMessageContaining(row.names());
        fixture.assertStillWorks();
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException || t instanceof ExecutionException) {
            if (t.getCause() == null) {
                break;
            }
            t = t.getCause();
        }
        return t;
    }

    // ---------------------------------------------------------------- rows

    @FunctionalInterface
    interface Call {
        Object run(Fixture f) throws Exception;
    }

    /**
     * One row: {@code name} says the call, {@code expected} the exception, {@code names} a fragment of its
     * message; {@code async} rows return a future that must fail with it.
     */
    record Row(String name, Class<? extends Throwable> expected, String names, boolean async, Call call) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row now(String name, Class<? extends Throwable> expected, String names, Call call) {
        return new Row(name, expected, names, false, call);
    }

    static Row later(String name, Class<? extends Throwable> expected, String names, Call call) {
        return new Row(name, expected, names, true, call);
    }

    // ---------------------------------------------------------------- fixture

    private static Fixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new Fixture();
    }

    @AfterAll
    static void tearDown() {
        fixture.system.shutdown(Duration.ofSeconds(10));
    }

    /** What the rows work on: a live system with a supervisor, a pool and stopped things, and a shut-down system. */
    static final class Fixture {
        final ActorSystem system = ActorSystem.create("bad-input", SystemConfig.defaults().withDeadLetterLogLimit(0));
        final Addr<Ask> echo;
        final Addr<Inside> runner;
        final Supervisor sup;
        final Supervisor pool;
        final Supervisor stoppedSup;
        final Addr<Object> stoppedActor;
        final ActorContext<Object> stoppedContext;
        final Timers<Object> stoppedTimers;
        final ActorSystem shut = ActorSystem.create("bad-input-shut", SystemConfig.defaults().withDeadLetterLogLimit(0));
        final Supervisor shutSup;
        final Addr<Object> shutActor;

        record Ask(Addr<String> replyTo) {
        }

        record Inside(Function<ActorContext<Inside>, Object> body, CompletableFuture<Object> result) {
        }

        Fixture() throws Exception {
            echo = system.spawn("echo", ctx -> a -> a.replyTo().tell("alive"));
            runner = system.spawn("runner", ctx -> in -> {
                try {
                    in.result().complete(in.body().apply(ctx));
                } catch (Throwable t) {
                    in.result().completeExceptionally(t);
                }
            });
            sup = Supervisor.start(system, "sup", SupervisorSpec.oneForOne().withChild(worker("a")));
            pool = Supervisor.start(system, "pool", SupervisorSpec.pool(worker("p")));
            stoppedSup = Supervisor.start(system, "stopped-sup", SupervisorSpec.oneForOne().withChild(worker("a")));
            stoppedSup.stop();
            stoppedSup.whenTerminated().get(10, TimeUnit.SECONDS);
            AtomicReference<ActorContext<Object>> ctxRef = new AtomicReference<>();
            AtomicReference<Timers<Object>> timersRef = new AtomicReference<>();
            stoppedActor = system.spawn("stopped", ctx -> {
                ctxRef.set(ctx);
                timersRef.set(ctx.timers());
                return m -> { };
            });
            system.whenTerminated(stoppedActor); // make sure the factory has run before stopping
            system.stop(stoppedActor);
            system.whenTerminated(stoppedActor).get(10, TimeUnit.SECONDS);
            stoppedContext = ctxRef.get();
            stoppedTimers = timersRef.get();

            shutSup = Supervisor.start(shut, "sup", SupervisorSpec.oneForOne().withChild(worker("a")));
            shutActor = shut.spawn("actor", ctx -> m -> { });
            shut.shutdown(Duration.ofSeconds(10));
        }

        SupervisorSpec emptySpec() {
            return SupervisorSpec.oneForOne();
        }

        ChildSpec<Object> worker(String id) {
            return ChildSpec.worker(id, ctx -> m -> { });
        }

        Backoff backoff() {
            return Backoff.exponential(Duration.ofMillis(10), Duration.ofSeconds(1));
        }

        /** Runs {@code body} on an actor's own thread; the future has its result or what it threw. */
        @SuppressWarnings("unchecked")
        CompletableFuture<Object> inside(Function<ActorContext<Object>, Object> body) {
            CompletableFuture<Object> result = new CompletableFuture<>();
            runner.tell(new Inside(ctx -> body.apply((ActorContext<Object>) (ActorContext<?>) ctx), result));
            return result;
        }

        void assertStillWorks() throws Exception {
            assertThat(echo.<String>ask(Ask::new, Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS)).isEqualTo("alive");
            assertThat(sup.child("a").orElseThrow().address()).isPresent();
        }
    }
}
