package dev.crema.actor;

import static dev.crema.actor.TestSupport.await;
import static dev.crema.actor.TestSupport.awaitTerminated;
import static dev.crema.actor.TestSupport.awaitUntil;
import static dev.crema.actor.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec point 7: unique, typed names released when their actor stops. */
class RegistryTest {

    private static final RegistryKey<String> CASHIER = RegistryKey.of("cashier", String.class);

    private ActorSystem system;
    private Registry registry;

    @BeforeEach
    void start() {
        system = TestSupport.newSystem("registry");
        registry = system.registry();
    }

    @AfterEach
    void stop() {
        system.shutdown(TestSupport.SHUTDOWN);
    }

    private Addr<String> actor(String name) {
        return system.spawn(name, ctx -> msg -> { });
    }

    @Test
    void register_thenLookup_returnsTheSameAddr() {
        Addr<String> a = actor("a");
        registry.register(CASHIER, a);
        assertThat(registry.lookup(CASHIER)).contains(a);
        assertThat(registry.names()).containsExactly("cashier");
    }

    @Test
    void lookup_ofAFreeName_isEmpty() {
        assertThat(registry.lookup(RegistryKey.of("nobody", String.class))).isEmpty();
    }

    @Test
    void register_aTakenName_failsWithAClearErrorNamingTheNameAndItsHolder() {
        Addr<String> a = actor("a");
        Addr<String> b = actor("b");
        registry.register(CASHIER, a);
        assertThatThrownBy(() -> registry.register(CASHIER, b))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'cashier'")
                .hasMessageContaining("already registered")
                .hasMessageContaining(a.path());
        assertThat(registry.lookup(CASHIER)).contains(a);
    }

    @Test
    void concurrentRegistrationsOfOneName_exactlyOneWins() throws Exception {
        int contenders = 8;
        for (int round = 0; round < 30; round++) {
            RegistryKey<String> key = RegistryKey.of("contested-" + round, String.class);
            List<Addr<String>> actors = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                actors.add(system.spawnAnonymous(ctx -> msg -> { }));
            }
            CyclicBarrier barrier = new CyclicBarrier(contenders);
            AtomicInteger wins = new AtomicInteger();
            AtomicInteger refusals = new AtomicInteger();
            AtomicReference<Addr<String>> winner = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (Addr<String> a : actors) {
                Thread t = new Thread(() -> {
                    try {
                        barrier.await();
                        registry.register(key, a);
                        wins.incrementAndGet();
                        winner.set(a);
                    } catch (IllegalStateException taken) {
                        refusals.incrementAndGet();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(wins.get()).as("winners in round %d", round).isEqualTo(1);
            assertThat(refusals.get()).isEqualTo(contenders - 1);
            assertThat(registry.lookup(key)).contains(winner.get());
        }
    }

    @Test
    void name_isReleasedAutomaticallyWhenItsActorStops_andCanBeTakenAgain() throws Exception {
        Addr<String> a = actor("a");
        registry.register(CASHIER, a);
        system.stop(a);
        awaitTerminated(system, a);
        assertThat(registry.lookup(CASHIER)).isEmpty();
        assertThat(registry.names()).doesNotContain("cashier");
        Addr<String> b = actor("b");
        registry.register(CASHIER, b);
        assertThat(registry.lookup(CASHIER)).contains(b);
    }

    @Test
    void name_isReleasedWhenItsActorFailsAndIsStopped() throws Exception {
        Addr<String> a = system.spawn("a", ctx -> msg -> {
            throw new IllegalStateException("x");
        });
        registry.register(CASHIER, a);
        a.tell("fail");
        awaitTerminated(system, a);
        assertThat(registry.lookup(CASHIER)).isEmpty();
    }

    @Test
    void name_survivesARestart() throws Exception {
        CountDownLatch restarted = new CountDownLatch(1);
        AtomicInteger instances = new AtomicInteger();
        Addr<String> a = system.spawn("a", ctx -> {
            if (instances.incrementAndGet() == 2) {
                restarted.countDown();
            }
            return msg -> {
                throw new IllegalStateException("x");
            };
        }, SpawnOptions.defaults().withDecider(Decider.restart()));
        registry.register(CASHIER, a);
        a.tell("fail");
        await(restarted, "the restart");
        assertThat(registry.lookup(CASHIER)).contains(a);
    }

    @Test
    void actorHoldingSeveralNames_releasesAllOfThemWhenItStops() throws Exception {
        Addr<String> a = actor("a");
        RegistryKey<String> other = RegistryKey.of("till", String.class);
        registry.register(CASHIER, a);
        registry.register(other, a);
        assertThat(registry.names()).containsExactlyInAnyOrder("cashier", "till");
        system.stop(a);
        awaitTerminated(system, a);
        assertThat(registry.names()).isEmpty();
    }

    @Test
    void lookup_withAnotherMessageType_failsInsteadOfHandingBackAWronglyTypedAddr() {
        Addr<String> a = actor("a");
        registry.register(CASHIER, a);
        RegistryKey<Integer> wrong = RegistryKey.of("cashier", Integer.class);
        assertThatThrownBy(() -> registry.lookup(wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cashier'")
                .hasMessageContaining(String.class.getName())
                .hasMessageContaining(Integer.class.getName());
    }

    @Test
    void register_aStoppedActor_failsWithIllegalState() throws Exception {
        Addr<String> a = actor("a");
        system.stop(a);
        awaitTerminated(system, a);
        assertThatThrownBy(() -> registry.register(CASHIER, a))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(a.path())
                .hasMessageContaining("stopped");
        assertThat(registry.lookup(CASHIER)).isEmpty();
    }

    @Test
    void unregister_releasesTheName_onlyWhenAskedByItsHolder() {
        Addr<String> a = actor("a");
        Addr<String> b = actor("b");
        registry.register(CASHIER, a);
        assertThat(registry.unregister(CASHIER, b)).isFalse();
        assertThat(registry.lookup(CASHIER)).contains(a);
        assertThat(registry.unregister(CASHIER, a)).isTrue();
        assertThat(registry.lookup(CASHIER)).isEmpty();
        assertThat(registry.unregister(CASHIER, a)).isFalse();
    }

    @Test
    void whenRegistered_completesOnceTheNameIsRegistered() throws Exception {
        CompletableFuture<Addr<String>> later = registry.whenRegistered(CASHIER, TestSupport.WAIT);
        assertThat(later).isNotDone();
        Addr<String> a = actor("a");
        registry.register(CASHIER, a);
        assertThat(get(later)).isEqualTo(a);
    }

    @Test
    void whenRegistered_ofARegisteredName_isAlreadyComplete() {
        Addr<String> a = actor("a");
        registry.register(CASHIER, a);
        assertThat(registry.whenRegistered(CASHIER, TestSupport.WAIT)).isCompletedWithValue(a);
    }

    @Test
    void whenRegistered_failsWithATimeoutNamingTheKey_ifNobodyRegisters() {
        CompletableFuture<Addr<String>> never = registry.whenRegistered(RegistryKey.of("ghost", String.class),
                Duration.ofMillis(50));
        assertThatThrownBy(() -> get(never))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining("ghost");
    }

    @Test
    void whenRegistered_failsWithIllegalArgument_ifTheNameIsRegisteredWithAnotherType() {
        CompletableFuture<Addr<Integer>> typed = registry.whenRegistered(RegistryKey.of("cashier", Integer.class),
                TestSupport.WAIT);
        registry.register(CASHIER, actor("a"));
        assertThatThrownBy(() -> get(typed))
                .cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cashier'");
    }

    @Test
    void registrationRacingTheActorsStop_neverOutlivesTheActor() throws Exception {
        for (int round = 0; round < 200; round++) {
            RegistryKey<String> key = RegistryKey.of("racer-" + round, String.class);
            Addr<String> a = system.spawnAnonymous(ctx -> msg -> { });
            CyclicBarrier barrier = new CyclicBarrier(2);
            Thread registrar = new Thread(() -> {
                try {
                    barrier.await();
                    registry.register(key, a);
                } catch (IllegalStateException stoppedFirst) {
                    // allowed: the actor had stopped
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            registrar.start();
            barrier.await();
            system.stop(a);
            registrar.join();
            awaitTerminated(system, a);
            int r = round;
            assertThat(registry.lookup(key)).as("round %d", r).isEmpty();
        }
    }

    @Test
    void registry_keepsNothingBehind_onceActorsStopAndWaitsEnd() throws Exception {
        TestSupport.RuntimeProbe probe = new TestSupport.RuntimeProbe(system);
        Addr<String> a = actor("a");
        registry.register(CASHIER, a);
        CompletableFuture<Addr<String>> satisfied = registry.whenRegistered(RegistryKey.of("later", String.class),
                TestSupport.WAIT);
        CompletableFuture<Addr<String>> expired = registry.whenRegistered(RegistryKey.of("never", String.class),
                Duration.ofMillis(20));
        registry.register(RegistryKey.of("later", String.class), a);
        get(satisfied);
        assertThatThrownBy(() -> get(expired)).cause().isInstanceOf(TimeoutException.class);
        system.stop(a);
        awaitTerminated(system, a);
        awaitUntil("names and waiters to be gone", () -> probe.registrySize() == 0);
    }
}
