package dev.crema.amqp.internal;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.amqp.Codec;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Local addresses that messages carried to other processes: export id to address and codec, so that the
 * node's own queue can route what comes back. An actor is exported once ({@code e<n>}) and released when
 * it terminates ({@code system.whenTerminated}); a handle that is not an actor of the system (a local
 * ask's reply handle, whose path has {@code /temp/}) is exported one-shot ({@code t<n>}): released after
 * its first message or after the expiry, whichever comes first.
 *
 * <p>Thread-safe: two concurrent maps; exporting the same address twice at once may briefly make two ids,
 * both valid, one of which is then forgotten by {@code byAddr} (harmless: both route to the same actor).
 */
public final class Exports {

    /**
     * @param addr    the local address
     * @param codec   decodes messages for it
     * @param oneShot released after the first message
     */
    public record Export(Addr<Object> addr, Codec<Object> codec, boolean oneShot) {
    }

    private final ActorSystem system;
    private final ScheduledExecutorService scheduler;
    private final Duration tempExpiry;
    private final ConcurrentHashMap<String, Export> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Addr<?>, String> byAddr = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param system     the node's system
     * @param scheduler  expires one-shot exports
     * @param tempExpiry how long a one-shot export lives
     */
    public Exports(ActorSystem system, ScheduledExecutorService scheduler, Duration tempExpiry) {
        this.system = system;
        this.scheduler = scheduler;
        this.tempExpiry = tempExpiry;
    }

    /**
     * @param addr  a local address
     * @param codec decodes messages for it
     * @param <T>   its message type
     * @return its export id
     */
    @SuppressWarnings("unchecked")
    public <T> String export(Addr<T> addr, Codec<T> codec) {
        String known = byAddr.get(addr);
        if (known != null) {
            return known;
        }
        java.util.concurrent.CompletableFuture<?> end;
        try {
            end = system.whenTerminated(addr);
        } catch (IllegalArgumentException notAnActor) {
            end = null;
        }
        String id = (end == null ? "t" : "e") + ids.incrementAndGet();
        byId.put(id, new Export((Addr<Object>) addr, (Codec<Object>) codec, end == null));
        byAddr.put(addr, id);
        if (end == null) {
            scheduler.schedule(() -> release(id), tempExpiry.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            end.whenComplete((t, e) -> release(id));
        }
        return id;
    }

    /**
     * @param id an export id
     * @return its export, or {@code null} if released
     */
    public Export lookup(String id) {
        return byId.get(id);
    }

    /** @param id an export id whose address took a message: a one-shot export ends here */
    public void delivered(String id) {
        Export e = byId.get(id);
        if (e != null && e.oneShot()) {
            release(id);
        }
    }

    private void release(String id) {
        Export e = byId.remove(id);
        if (e != null) {
            byAddr.remove(e.addr(), id);
        }
    }

    /** {@return live exports} */
    public int size() {
        return byId.size();
    }
}
