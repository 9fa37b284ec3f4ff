package dev.crema.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@link ActorTestKitExtension} gives the whole class one system, created before its first test and shut
 * down after its last, instead of one per test; the same as {@link ActorTestKitExtension#perClass()}.
 * Unexpected failures and dead letters are still charged to the test during which they happened, and a
 * {@code @BeforeAll} method may take the kit, the system or the clock as parameters.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SystemPerClass {
}
