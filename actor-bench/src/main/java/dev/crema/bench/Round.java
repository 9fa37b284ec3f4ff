package dev.crema.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of a workload, handed to the actors in a start message: the latch that says every message was
 * processed and the count the actors report. Actors add to {@link #count} before they count the latch
 * down, so the driving thread reads a complete count after {@link #await}.
 */
public final class Round {

    private final CountDownLatch done;
    private final AtomicLong count = new AtomicLong();

    /** @param parties how many count-downs complete the run */
    public Round(int parties) {
        this.done = new CountDownLatch(parties);
    }

    /**
     * One party reports its count and is done.
     *
     * @param counted what it counted
     */
    public void finish(long counted) {
        count.addAndGet(counted);
        done.countDown();
    }

    /**
     * Waits for every party.
     *
     * @param what names the job in a failure
     * @return the sum of the counts reported
     * @throws Exception if not every party finished within {@link Sync#TIMEOUT}
     */
    public long await(String what) throws Exception {
        Sync.await(done, what);
        return count.get();
    }

    /** @return the latch, for parties that count down without a count */
    public CountDownLatch latch() {
        return done;
    }

    /** @return the count so far */
    public long count() {
        return count.get();
    }
}
