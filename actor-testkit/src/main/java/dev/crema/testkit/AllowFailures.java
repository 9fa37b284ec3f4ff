package dev.crema.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test (on a method) or every test of the class expects actors to fail: failures whose cause is of one
 * of the given types (subtypes included), or of any type if none is given, do not fail it under
 * {@link ActorTestKitExtension}.
 *
 * <pre>{@code
 * @Test
 * @AllowFailures(IllegalArgumentException.class)
 * void decaf_stopsTheBarista(ActorTestKit kit) { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllowFailures {

    /** {@return the exception types expected; empty (the default) for any} */
    Class<? extends Throwable>[] value() default {};
}
