package dev.crema.actor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The promise of {@link CellLayout}: the mailbox word that every producer writes is at least a cache line
 * away from every field the consumer reads per message, wherever the object lands. A field added to
 * {@link MailboxCell} or {@link ActorCell} lands after the gap and keeps the promise; a field added to
 * the layout classes themselves may break it, and this test says so.
 */
class CellLayoutTest {

    private static final int CACHE_LINE = 64;

    @Test
    void mailboxWord_isACacheLineAwayFromEveryHotField() throws Exception {
        Object unsafe = unsafe();
        long ctl = offset(unsafe, CellLayout.class.getDeclaredField("ctl"));
        List<Field> hot = new ArrayList<>();
        for (Class<?> c : List.of(MailboxCell.class, ActorCell.class)) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    hot.add(f);
                }
            }
        }
        assertThat(hot).extracting(Field::getName).contains("queue", "sysHead", "props", "actor", "phase");
        for (Field f : hot) {
            assertThat(offset(unsafe, f) - ctl).as("bytes from ctl to %s.%s", f.getDeclaringClass().getSimpleName(),
                    f.getName()).isGreaterThanOrEqualTo(CACHE_LINE);
        }
    }

    @Test
    void coldFields_fillTheGap_soNoFieldSitsAfterCtlOnItsLineButThem() throws Exception {
        Object unsafe = unsafe();
        long ctl = offset(unsafe, CellLayout.class.getDeclaredField("ctl"));
        for (Field f : CellLayoutColdFields.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                assertThat(offset(unsafe, f)).as("cold field %s", f.getName()).isLessThan(ctl + CACHE_LINE);
            }
        }
    }

    /**
     * {@code sun.misc.Unsafe.objectFieldOffset}, the only way to see a field's place without JOL. Called
     * reflectively, so javac does not warn about a proprietary API on every build.
     */
    private static long offset(Object unsafe, Field f) throws ReflectiveOperationException {
        try {
            return (long) unsafe.getClass().getMethod("objectFieldOffset", Field.class).invoke(unsafe, f);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof UnsupportedOperationException refused) {
                Assumptions.abort("this JDK refuses sun.misc.Unsafe.objectFieldOffset: " + refused.getMessage());
            }
            throw e;
        }
    }

    private static Object unsafe() throws ReflectiveOperationException {
        Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        f.setAccessible(true);
        return f.get(null);
    }
}
