package dev.crema.testkit;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.ManualClock;
import dev.crema.testkit.internal.Allowances;
import java.lang.reflect.AnnotatedElement;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that gives each test (or each test class) an {@link ActorTestKit} and its actor system,
 * shuts it down after, and fails the test if an actor failed or a message was dead-lettered unexpectedly,
 * listing each one. Test and lifecycle methods take the {@link ActorTestKit}, its {@link ActorSystem} or its
 * {@link ManualClock} as parameters, as they take a {@code @TempDir}.
 *
 * <pre>{@code
 * class BaristaTest {
 *     @RegisterExtension
 *     static final ActorTestKitExtension crema = ActorTestKitExtension.create().withManualClock();
 *
 *     @Test
 *     void aLatteTakesAMinute(ActorTestKit kit) { ... }
 *
 *     @Test
 *     @AllowFailures(IllegalArgumentException.class)
 *     void decaf_stopsTheBarista(ActorTestKit kit) { ... }
 * }
 *
 * @ExtendWith(ActorTestKitExtension.class)   // the defaults: real time, a system per test
 * @ManualTime                                // or a manual clock, by annotation
 * class ShopTest { ... }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> Per test (the default): the kit is created before the test's {@code @BeforeEach}
 * methods and verified and closed after its {@code @AfterEach} methods. Per class ({@link #perClass()} or
 * {@link SystemPerClass}): created before the {@code @BeforeAll} methods, closed after the {@code @AfterAll}
 * ones, and verified after each test for what happened during that test. The system is named after the test
 * class.
 *
 * <p><b>Verification.</b> See {@link ActorTestKit#verify()} for what counts. Allowed: what the extension's
 * settings allow, plus {@link AllowFailures} and {@link AllowDeadLetters} on the class and on the method. A
 * test that fails on its own keeps its own failure; the unexpected events are then added to it as a
 * suppressed exception.
 *
 * <p>Immutable and thread-safe: each method returns a copy; one instance may serve tests run in parallel,
 * each getting its own kit.
 */
public final class ActorTestKitExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ActorTestKitExtension.class);
    private static final String KIT = "kit";

    private final TestKitConfig config;
    private final boolean perClass;

    /** The defaults, for {@code @ExtendWith(ActorTestKitExtension.class)}: see {@link #create()}. */
    public ActorTestKitExtension() {
        this(TestKitConfig.defaults(), false);
    }

    private ActorTestKitExtension(TestKitConfig config, boolean perClass) {
        this.config = config;
        this.perClass = perClass;
    }

    /** {@return the extension with the default settings ({@link TestKitConfig#defaults()}), a system per test} */
    public static ActorTestKitExtension create() {
        return new ActorTestKitExtension();
    }

    /**
     * Uses these settings for every kit (the system name is replaced by the test class's).
     *
     * @param config the settings
     * @return a copy
     * @throws NullPointerException if {@code config} is {@code null}
     */
    public ActorTestKitExtension withConfig(TestKitConfig config) {
        Objects.requireNonNull(config, "test kit config must not be null");
        return new ActorTestKitExtension(config, perClass);
    }

    /** {@return a copy whose systems run on a manual clock ({@link TestKitConfig#withManualClock()})} */
    public ActorTestKitExtension withManualClock() {
        return new ActorTestKitExtension(config.withManualClock(), perClass);
    }

    /** {@return a copy that gives each test class one system (see {@link SystemPerClass})} */
    public ActorTestKitExtension perClass() {
        return new ActorTestKitExtension(config, true);
    }

    /**
     * Expects dead letters in every test ({@link TestKitConfig#allowDeadLetters}).
     *
     * @param reasons the reasons expected; none for all
     * @return a copy
     */
    public ActorTestKitExtension allowDeadLetters(DeadLetterReason... reasons) {
        return new ActorTestKitExtension(config.allowDeadLetters(reasons), perClass);
    }

    /**
     * Expects actor failures in every test ({@link TestKitConfig#allowFailures}).
     *
     * @param types the exception types expected; none for any
     * @return a copy
     */
    @SafeVarargs
    public final ActorTestKitExtension allowFailures(Class<? extends Throwable>... types) {
        return new ActorTestKitExtension(config.allowFailures(types), perClass);
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void beforeAll(ExtensionContext context) {
        if (perClass(context)) {
            context.getStore(NAMESPACE).put(KIT, newKit(context, manualTime(context.getRequiredTestClass())));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        boolean methodWantsManual = AnnotationSupport.isAnnotated(context.getTestMethod(), ManualTime.class);
        if (perClass(context)) {
            ActorTestKit kit = context.getStore(NAMESPACE).get(KIT, ActorTestKit.class);
            if (methodWantsManual && kit != null && !kit.hasManualClock()) {
                throw new ExtensionConfigurationException("@ManualTime on " + context.getDisplayName() + " needs a"
                        + " system of its own, but " + context.getRequiredTestClass().getSimpleName() + " shares one"
                        + " system per class; put @ManualTime on the class instead");
            }
        } else {
            perTestKit(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        ActorTestKit kit = store.get(KIT, ActorTestKit.class);
        if (kit == null) {
            return;
        }
        boolean own = !perClass(context);
        try {
            kit.verify(allowances(context));
        } finally {
            if (own) {
                store.remove(KIT);
                kit.close();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ActorTestKit kit = context.getStore(NAMESPACE).remove(KIT, ActorTestKit.class);
        if (kit != null && perClass(context)) {
            kit.close();
        }
    }

    // ------------------------------------------------------------------ parameters

    /**
     * Asks JUnit to build test instances in the test method's context, so that a constructor parameter gets
     * the same per-test kit as the test method.
     */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == ActorTestKit.class || type == ActorSystem.class || type == ManualClock.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ActorTestKit kit = context.getStore(NAMESPACE).get(KIT, ActorTestKit.class);
        if (kit == null) {
            if (context.getTestMethod().isEmpty()) {
                throw new ParameterResolutionException("an actor system is created per test here, so "
                        + parameter.getDeclaringExecutable().getName() + " (run once for the class) cannot have"
                        + " one; annotate the class with @SystemPerClass or use ActorTestKitExtension.create().perClass()");
            }
            kit = perTestKit(context); // a constructor parameter: resolved before beforeEach
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == ActorSystem.class) {
            return kit.system();
        }
        if (type == ManualClock.class) {
            if (!kit.hasManualClock()) {
                throw new ParameterResolutionException("actor system '" + kit.system().name() + "' runs on real"
                        + " time, so there is no ManualClock to inject; annotate the test or class with @ManualTime,"
                        + " or use ActorTestKitExtension.create().withManualClock()");
            }
            return kit.clock();
        }
        return kit;
    }

    // ------------------------------------------------------------------ plumbing

    private ActorTestKit perTestKit(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        ActorTestKit kit = store.get(KIT, ActorTestKit.class);
        if (kit == null) {
            boolean manual = manualTime(context.getRequiredTestClass())
                    || AnnotationSupport.isAnnotated(context.getTestMethod(), ManualTime.class);
            kit = newKit(context, manual);
            store.put(KIT, kit);
        }
        return kit;
    }

    private ActorTestKit newKit(ExtensionContext context, boolean manual) {
        TestKitConfig c = config.withSystemName(systemName(context.getRequiredTestClass()));
        return ActorTestKit.create(manual ? c.withManualClock() : c);
    }

    private boolean perClass(ExtensionContext context) {
        return perClass || annotatedOnClass(context.getRequiredTestClass(), SystemPerClass.class);
    }

    private static boolean manualTime(Class<?> testClass) {
        return annotatedOnClass(testClass, ManualTime.class);
    }

    /** On the class, a superclass, or an enclosing class of a {@code @Nested} one. */
    private static boolean annotatedOnClass(Class<?> testClass, Class<? extends java.lang.annotation.Annotation> a) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            if (AnnotationSupport.isAnnotated(c, a)) {
                return true;
            }
        }
        return false;
    }

    private Allowances allowances(ExtensionContext context) {
        Allowances allowed = config.allowances();
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            allowed = allowed.and(from(c));
        }
        return context.getTestMethod().map(m -> from(m)).map(allowed::and).orElse(allowed);
    }

    private static Allowances from(AnnotatedElement element) {
        Allowances a = Allowances.NONE;
        Optional<AllowDeadLetters> letters = AnnotationSupport.findAnnotation(element, AllowDeadLetters.class);
        if (letters.isPresent()) {
            a = a.withDeadLetters(letters.get().value());
        }
        Optional<AllowFailures> failures = AnnotationSupport.findAnnotation(element, AllowFailures.class);
        if (failures.isPresent()) {
            a = a.withFailures(failures.get().value());
        }
        return a;
    }

    /** The test class's simple name, made a valid system name (letters, digits, {@code -}, {@code _}). */
    private static String systemName(Class<?> testClass) {
        String name = testClass.getSimpleName().replaceAll("[^A-Za-z0-9_-]", "_");
        return name.isEmpty() ? "test" : name;
    }

    @Override
    public String toString() {
        return "ActorTestKitExtension[" + config + (perClass ? ", per class" : ", per test") + "]";
    }
}
