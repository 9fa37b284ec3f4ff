package dev.crema.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap's high-water mark over a stretch of code, without a sampling thread: between two collections
 * the used heap only grows, so its peak is either the used heap just before some collection (which the
 * JVM reports in each collector's {@link GarbageCollectionNotificationInfo}, pool by pool) or the used
 * heap at the end. {@link #start()} registers for those notifications and reads the used heap; {@link
 * #stop()} reads it again, waits (bounded) until every collection counted by the collectors' MXBeans has
 * been notified, and returns the largest value seen. Garbage not yet collected is included: this is the
 * heap a run needed at its worst under the heap settings it ran with, not its live data.
 *
 * <p>Used by one thread at a time (start, then stop); notifications arrive on the JVM's service thread.
 */
public final class HeapPeak implements NotificationListener {

    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());

    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong notified = new AtomicLong();
    private long baseline;
    private long collectionsAtStart;
    private boolean started;

    /** @return the used heap now, bytes */
    public static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Starts watching: the baseline is the used heap now.
     *
     * @throws IllegalStateException if already started
     */
    public void start() {
        if (started) {
            throw new IllegalStateException("HeapPeak already started");
        }
        started = true;
        notified.set(0);
        collectionsAtStart = collections();
        for (GarbageCollectorMXBean gc : COLLECTORS) {
            ((NotificationEmitter) gc).addNotificationListener(this, null, null);
        }
        baseline = usedHeap();
        peak.set(baseline);
    }

    /**
     * Stops watching.
     *
     * @return the highest used heap since {@link #start()}, bytes
     * @throws IllegalStateException if not started
     */
    public long stop() {
        if (!started) {
            throw new IllegalStateException("HeapPeak not started");
        }
        peak.accumulateAndGet(usedHeap(), Math::max);
        long expected = collections() - collectionsAtStart;
        long deadline = System.nanoTime() + 2_000_000_000L; // notifications lag a collection by microseconds
        while (notified.get() < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000);
        }
        for (GarbageCollectorMXBean gc : COLLECTORS) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(this);
            } catch (javax.management.ListenerNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        started = false;
        return peak.get();
    }

    /** @return the used heap when {@link #start()} was called, bytes */
    public long baseline() {
        return baseline;
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long before = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
            if (HEAP_POOLS.contains(e.getKey())) {
                before += e.getValue().getUsed();
            }
        }
        peak.accumulateAndGet(before, Math::max);
        notified.incrementAndGet();
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : COLLECTORS) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}
