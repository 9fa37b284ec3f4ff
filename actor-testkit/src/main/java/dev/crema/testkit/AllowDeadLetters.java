package dev.crema.testkit;

import dev.crema.actor.DeadLetterReason;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test (on a method) or every test of the class expects dead letters: those of the given reasons, or of
 * any reason if none is given, do not fail it under {@link ActorTestKitExtension}. {@link DeadLetterReason#FAILED}
 * dead letters are failures of actors: see {@link AllowFailures}.
 *
 * <pre>{@code
 * @Test
 * @AllowDeadLetters(DeadLetterReason.STOPPED)
 * void messagesToAStoppedActor_areDeadLettered(ActorTestKit kit) { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllowDeadLetters {

    /** {@return the reasons expected; empty (the default) for all} */
    DeadLetterReason[] value() default {};
}
