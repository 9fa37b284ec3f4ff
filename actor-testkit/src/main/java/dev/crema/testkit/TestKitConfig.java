package dev.crema.testkit;

import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.ManualClock;
import dev.crema.actor.SystemConfig;
import dev.crema.testkit.internal.Allowances;
import dev.crema.testkit.internal.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link ActorTestKit}: the system it starts, whether that system runs on a
 * {@link ManualClock}, how long probes wait, and which actor failures and dead letters the tests expect
 * (the rest fail the test, see {@link ActorTestKit#verify()}). Immutable; each method returns a copy.
 *
 * <pre>{@code
 * TestKitConfig config = TestKitConfig.defaults()
 *         .withManualClock()
 *         .withDefaultTimeout(Duration.ofSeconds(30))
 *         .allowDeadLetters(DeadLetterReason.LATE_REPLY);
 * }</pre>
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>system name</td><td>{@code test} (the extension uses the test class's name)</td></tr>
 *   <tr><td>system settings</td><td>{@link SystemConfig#defaults()}</td></tr>
 *   <tr><td>clock</td><td>real time</td></tr>
 *   <tr><td>default timeout of probes, and of a manual clock's wait for quiet</td>
 *       <td>{@value #DEFAULT_TIMEOUT_SECONDS} s, or the system property {@value #TIMEOUT_PROPERTY}
 *       ({@code 30s}, {@code 500ms}, {@code 2m}, {@code PT30S})</td></tr>
 *   <tr><td>failures and dead letters allowed</td><td>none</td></tr>
 * </table>
 *
 * <p>The timeout is generous on purpose: it is only reached when a test fails, and a starved CI machine
 * can take seconds to run what a laptop runs in microseconds. Raise it for a whole build with
 * {@code -Dcrema.testkit.timeout=30s}.
 *
 * <p>Thread-safe.
 */
public final class TestKitConfig {

    /** The system property that overrides the default timeout: {@value}. */
    public static final String TIMEOUT_PROPERTY = "crema.testkit.timeout";

    /** The default timeout when the property is not set: {@value} s. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;

    private final String systemName;
    private final SystemConfig systemConfig;
    private final boolean manualClock;
    private final Duration defaultTimeout;
    private final Allowances allowances;

    private TestKitConfig(String systemName, SystemConfig systemConfig, boolean manualClock, Duration defaultTimeout,
                          Allowances allowances) {
        this.systemName = systemName;
        this.systemConfig = systemConfig;
        this.manualClock = manualClock;
        this.defaultTimeout = defaultTimeout;
        this.allowances = allowances;
    }

    /**
     * The defaults, with the timeout read from {@value #TIMEOUT_PROPERTY} now.
     *
     * @return the default settings
     * @throws IllegalArgumentException if the property is set to something that is not a positive duration
     */
    public static TestKitConfig defaults() {
        String property = System.getProperty(TIMEOUT_PROPERTY);
        Duration timeout = property == null || property.isBlank() ? Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS)
                : Durations.parsePositive("system property " + TIMEOUT_PROPERTY, property);
        return new TestKitConfig("test", SystemConfig.defaults(), false, timeout, Allowances.NONE);
    }

    /**
     * Sets the name of the system the kit starts; it appears in every actor path.
     *
     * @param name letters, digits, {@code -} and {@code _}
     * @return a copy
     * @throws NullPointerException if {@code name} is {@code null}
     */
    public TestKitConfig withSystemName(String name) {
        Objects.requireNonNull(name, "system name must not be null");
        return new TestKitConfig(name, systemConfig, manualClock, defaultTimeout, allowances);
    }

    /**
     * Sets the settings of the system the kit starts. Its manual clock, if it has one, is ignored: use
     * {@link #withManualClock()}, which gives each kit a clock of its own (a clock drives one system).
     *
     * @param config the system's settings
     * @return a copy
     * @throws NullPointerException if {@code config} is {@code null}
     */
    public TestKitConfig withSystemConfig(SystemConfig config) {
        Objects.requireNonNull(config, "system config must not be null");
        return new TestKitConfig(systemName, config, manualClock, defaultTimeout, allowances);
    }

    /**
     * Runs the kit's system on a {@link ManualClock} that the test moves ({@link ActorTestKit#advance}); its
     * wait for quiet is bounded by the default timeout.
     *
     * @return a copy
     */
    public TestKitConfig withManualClock() {
        return new TestKitConfig(systemName, systemConfig, true, defaultTimeout, allowances);
    }

    /**
     * Sets how long probes wait when not told, and how long a manual clock waits for the actors to go quiet.
     *
     * @param timeout positive
     * @return a copy
     * @throws NullPointerException     if {@code timeout} is {@code null}
     * @throws IllegalArgumentException if it is not positive
     */
    public TestKitConfig withDefaultTimeout(Duration timeout) {
        Durations.requirePositive(timeout, "default timeout");
        return new TestKitConfig(systemName, systemConfig, manualClock, timeout, allowances);
    }

    /**
     * Expects dead letters: those of the given reasons (all reasons if none is given) do not fail the test.
     * {@link DeadLetterReason#FAILED} dead letters are failures of actors: see {@link #allowFailures}.
     *
     * @param reasons the reasons expected; none for all
     * @return a copy
     * @throws NullPointerException if a reason is {@code null}
     */
    public TestKitConfig allowDeadLetters(DeadLetterReason... reasons) {
        for (DeadLetterReason r : reasons) {
            Objects.requireNonNull(r, "dead letter reason must not be null");
        }
        return new TestKitConfig(systemName, systemConfig, manualClock, defaultTimeout,
                allowances.withDeadLetters(reasons));
    }

    /**
     * Expects actor failures: those whose cause is of one of the given types (or a subtype; any type if none is
     * given) do not fail the test.
     *
     * @param types the exception types expected; none for all
     * @return a copy
     * @throws NullPointerException if a type is {@code null}
     */
    @SafeVarargs
    public final TestKitConfig allowFailures(Class<? extends Throwable>... types) {
        for (Class<? extends Throwable> t : types) {
            Objects.requireNonNull(t, "exception type must not be null");
        }
        return new TestKitConfig(systemName, systemConfig, manualClock, defaultTimeout, allowances.withFailures(types));
    }

    /** {@return the name of the system the kit starts} */
    public String systemName() {
        return systemName;
    }

    /** {@return the settings of the system the kit starts} */
    public SystemConfig systemConfig() {
        return systemConfig;
    }

    /** {@return whether the kit's system runs on a manual clock} */
    public boolean manualClock() {
        return manualClock;
    }

    /** {@return how long probes wait when not told} */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** The failures and dead letters expected; for the kit and the extension. */
    Allowances allowances() {
        return allowances;
    }

    @Override
    public String toString() {
        return "TestKitConfig[system=" + systemName + ", clock=" + (manualClock ? "manual" : "real")
                + ", defaultTimeout=" + defaultTimeout + ", allowed=" + allowances + "]";
    }
}
