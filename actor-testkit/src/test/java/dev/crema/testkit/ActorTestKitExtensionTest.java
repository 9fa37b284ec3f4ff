package dev.crema.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The extension, seen from outside: small test classes (static nested, so Surefire does not run them itself)
 * are run through the JUnit launcher, and their outcomes read back.
 */
class ActorTestKitExtensionTest {

    /** Runs a test class; returns each test's outcome: "ok", or the failure's message. */
    static Map<String, String> run(Class<?> testClass) {
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, org.junit.platform.engine.TestExecutionResult result) {
                if (id.isTest() || result.getThrowable().isPresent()) {
                    String name = id.getDisplayName().replace("()", "").replaceAll("\\(.*\\)", "");
                    outcomes.put(name, result.getThrowable().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()
                            + suppressed(t)).orElse("ok"));
                }
            }
        };
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .build(), listener);
        return outcomes;
    }

    private static String suppressed(Throwable t) {
        return t.getSuppressed().length == 0 ? "" : " | suppressed: " + java.util.Arrays.stream(t.getSuppressed())
                .map(Throwable::getMessage).collect(Collectors.joining(" | "));
    }

    static final List<ActorSystem> SYSTEMS = new CopyOnWriteArrayList<>();

    static Addr<String> fragile(ActorTestKit kit) {
        return kit.spawn("fragile", ctx -> m -> {
            throw new IllegalStateException("broke on " + m);
        });
    }

    // ------------------------------------------------------------------ failures and dead letters

    static class Failures {
        @RegisterExtension
        static final ActorTestKitExtension crema = ActorTestKitExtension.create();

        @Test
        void unexpectedFailure(ActorTestKit kit) {
            Addr<String> f = fragile(kit);
            f.tell("boom");
            kit.probe("p").expectTerminated(f);
        }

        @Test
        @AllowFailures(IllegalStateException.class)
        void allowedFailure(ActorTestKit kit) {
            Addr<String> f = fragile(kit);
            f.tell("boom");
            kit.probe("p").expectTerminated(f);
        }

        @Test
        @AllowFailures(IllegalArgumentException.class)
        void failureOfAnotherTypeThanAllowed(ActorTestKit kit) {
            Addr<String> f = fragile(kit);
            f.tell("boom");
            kit.probe("p").expectTerminated(f);
        }

        @Test
        void unexpectedDeadLetter(ActorTestKit kit) {
            TestProbe<String> p = kit.probe("p");
            p.stop();
            p.expectTerminated(p);
            p.tell("into the void");
        }

        @Test
        @AllowDeadLetters(DeadLetterReason.STOPPED)
        void allowedDeadLetter(ActorTestKit kit) {
            TestProbe<String> p = kit.probe("p");
            p.stop();
            p.expectTerminated(p);
            p.tell("into the void");
        }

        @Test
        void failsOnItsOwn_andHasAnUnexpectedFailureToo(ActorTestKit kit) {
            Addr<String> f = fragile(kit);
            f.tell("boom");
            kit.probe("p").expectTerminated(f);
            throw new AssertionError("the test's own failure");
        }
    }

    @Test
    void unexpectedFailuresAndDeadLetters_failTheTest_listingEach_unlessAllowed() {
        Map<String, String> outcomes = run(Failures.class);

        assertThat(outcomes.get("unexpectedFailure")).startsWith("AssertionError: 1 unexpected event")
                .contains("failed on \"boom\"");
        assertThat(outcomes.get("allowedFailure")).isEqualTo("ok");
        assertThat(outcomes.get("allowedDeadLetter")).isEqualTo("ok");
        assertThat(outcomes.get("failureOfAnotherTypeThanAllowed")).startsWith("AssertionError: 1 unexpected event in"
                + " actor system 'Failures':\n  failure: crema://Failures/user/fragile failed on \"boom\":"
                + " java.lang.IllegalStateException: broke on boom\nIf the test expects them, allow them");
        assertThat(outcomes.get("unexpectedDeadLetter")).startsWith("AssertionError: 1 unexpected event")
                .contains("dead letter STOPPED to crema://Failures/user/p: \"into the void\"");
        assertThat(outcomes.get("failsOnItsOwn_andHasAnUnexpectedFailureToo"))
                .startsWith("AssertionError: the test's own failure | suppressed: 1 unexpected event");
    }

    // ------------------------------------------------------------------ parameters and lifecycle

    @ExtendWith(ActorTestKitExtension.class)
    static class Parameters {
        private final ActorTestKit fromConstructor;

        Parameters(ActorTestKit kit) {
            this.fromConstructor = kit;
        }

        @Test
        void oneKitPerTest_seenByTheConstructorAndTheTest(ActorTestKit kit, ActorSystem system) {
            assertThat(kit).isSameAs(fromConstructor);
            assertThat(system).isSameAs(kit.system());
            assertThat(kit.hasManualClock()).isFalse();
            SYSTEMS.add(system);
        }

        @Test
        void anotherTest_anotherSystem(ActorSystem system) {
            SYSTEMS.add(system);
        }

        @Test
        void noClockOnRealTime(ManualClock clock) {
        }

        @Test
        @ManualTime
        void manualTimeForOneTest(ActorTestKit kit, ManualClock clock) {
            assertThat(kit.clock()).isSameAs(clock);
            kit.advance(Duration.ofHours(1));
            assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(1));
        }
    }

    @Test
    void parameters_eachTestGetsItsOwnSystem_shutDownAfter_andAClockOnlyOnManualTime() {
        SYSTEMS.clear();
        Map<String, String> outcomes = run(Parameters.class);

        assertThat(outcomes.get("oneKitPerTest_seenByTheConstructorAndTheTest")).isEqualTo("ok");
        assertThat(outcomes.get("manualTimeForOneTest")).isEqualTo("ok");
        assertThat(outcomes.get("noClockOnRealTime")).contains("ParameterResolutionException")
                .contains("runs on real time, so there is no ManualClock to inject; annotate the test or class with"
                        + " @ManualTime");
        assertThat(SYSTEMS).hasSize(2).doesNotHaveDuplicates().allSatisfy(s -> assertThat(s.isShutdown()).isTrue());
        assertThat(SYSTEMS).extracting(ActorSystem::name).containsOnly("Parameters");
    }

    @SystemPerClass
    @ManualTime
    @ExtendWith(ActorTestKitExtension.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClass {
        static ActorTestKit shared;

        @BeforeAll
        static void start(ActorTestKit kit) {
            shared = kit;
        }

        @Test
        @Order(1)
        void first(ActorTestKit kit) {
            assertThat(kit).isSameAs(shared);
            SYSTEMS.add(kit.system());
            fragile(kit).tell("in the first test");
        }

        @Test
        @Order(2)
        void second(ActorSystem system, ManualClock clock) {
            assertThat(system).isSameAs(shared.system());
            assertThat(system.isShutdown()).isFalse();
            assertThat(clock).isNotNull();
        }
    }

    @Test
    void perClass_oneSystemForAllTests_andEachEventIsChargedToTheTestItHappenedIn() {
        SYSTEMS.clear();
        Map<String, String> outcomes = run(PerClass.class);

        assertThat(outcomes.get("first")).contains("failed on \"in the first test\"");
        assertThat(outcomes.get("second")).isEqualTo("ok");
        assertThat(SYSTEMS).singleElement().satisfies(s -> assertThat(s.isShutdown()).isTrue());
    }

    @ExtendWith(ActorTestKitExtension.class)
    static class PerTestWithBeforeAll {
        @BeforeAll
        static void start(ActorSystem system) {
        }

        @Test
        void never() {
        }
    }

    @Test
    void perTest_aBeforeAllParameter_isRefusedWithTheWayOut() {
        assertThat(run(PerTestWithBeforeAll.class).values()).anySatisfy(o -> assertThat(o)
                .contains("an actor system is created per test here").contains("@SystemPerClass"));
    }
}
