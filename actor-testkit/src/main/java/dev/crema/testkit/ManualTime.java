package dev.crema.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The system {@link ActorTestKitExtension} gives this test (on a method) or every test of the class (on the
 * class) runs on a {@link dev.crema.actor.ManualClock}, which the test can take as a parameter and moves
 * with {@code advance}. On a method, it needs a system per test (not {@link SystemPerClass}).
 *
 * <pre>{@code
 * @Test
 * @ManualTime
 * void theReminderComesAfterAnHour(ActorTestKit kit, ManualClock clock) { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ManualTime {
}
