package dev.crema.bench;

/**
 * One benchmark workload for one library: its actors are created when the workload is constructed
 * (outside the timed region), {@link #run()} is the timed job, {@link #close()} shuts the system down.
 *
 * <p>Used by the JMH benchmarks and, with small sizes, by the CI smoke test, so both exercise the same
 * code. A workload is driven by one thread at a time.
 */
public interface Workload extends AutoCloseable {

    /**
     * Runs the whole job once: from the first send until every message has been processed (a latch,
     * a reply or a count says so). Fails rather than hangs: every wait is bounded by {@link Sync#TIMEOUT}.
     *
     * @return the job's check value (messages counted by the receiving side), compared to {@link #expected()}
     * @throws Exception if the job did not complete
     */
    long run() throws Exception;

    /** @return what {@link #run()} must return when nothing was lost or duplicated */
    long expected();

    /**
     * {@link #run()} and verify its count.
     *
     * @return the check value
     * @throws Exception             if the job did not complete
     * @throws IllegalStateException if the count is wrong
     */
    default long runChecked() throws Exception {
        long got = run();
        long want = expected();
        if (got != want) {
            throw new IllegalStateException(getClass().getName() + ": counted " + got + ", expected " + want);
        }
        return got;
    }

    /** Stops the actors and the system. */
    @Override
    void close();
}
