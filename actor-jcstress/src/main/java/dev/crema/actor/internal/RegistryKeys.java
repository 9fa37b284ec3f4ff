package dev.crema.actor.internal;

import dev.crema.actor.Addr;
import dev.crema.actor.RegistryKey;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Fresh registry keys (the registry is shared by every state) and small helpers for the registry tests. */
final class RegistryKeys {

    private static final AtomicLong SEQ = new AtomicLong();

    private RegistryKeys() {
    }

    static RegistryKey<Object> fresh() {
        return RegistryKey.of("k" + SEQ.incrementAndGet(), Object.class);
    }

    /** 1 if it succeeded, 0 if refused with IllegalStateException. */
    static int tryRegister(RegistryKey<Object> key, Addr<Object> addr) {
        try {
            Harness.RT.registry().register(key, addr);
            return 1;
        } catch (IllegalStateException refused) {
            return 0;
        }
    }

    /** 0 if the name is free, 1 if held by {@code a}, 2 if held by {@code b}, 3 otherwise. */
    static int holder(RegistryKey<Object> key, Addr<Object> a, Addr<Object> b) {
        Optional<Addr<Object>> found = Harness.RT.registry().lookup(key);
        if (found.isEmpty()) {
            return 0;
        }
        return found.get() == a ? 1 : found.get() == b ? 2 : 3;
    }

    /** Frees the name whoever holds it, so the shared registry does not grow. */
    static void release(RegistryKey<Object> key, Addr<Object> a, Addr<Object> b) {
        Harness.RT.registry().unregister(key, a);
        Harness.RT.registry().unregister(key, b);
    }
}
