package dev.crema.actor;

/**
 * Middleware around an actor's message handling: timing, tracing, metrics, MDC enrichment. Set with
 * {@link SpawnOptions#withInterceptor}; it wraps every user message the actor handles (timer messages and
 * death-watch notices included, batches once per batch).
 *
 * <pre>{@code
 * Interceptor timing = (self, message, next) -> {
 *     long start = System.nanoTime();
 *     try {
 *         next.proceed();
 *     } finally {
 *         histogram.record(System.nanoTime() - start);
 *     }
 * };
 * system.spawn("cashier", Cashier::new, SpawnOptions.defaults().withInterceptor(timing));
 * }</pre>
 *
 * <p>Runs on the actor's thread, once per message; one instance may serve many actors at once, so it must
 * be thread-safe. It must call {@code next.proceed()} exactly once to deliver the message (not calling it
 * drops the message: count it yourself if you do that on purpose). Whatever it throws, or lets through
 * from {@code proceed()}, is a failure of the actor, handled by its parent like any other.
 */
@FunctionalInterface
public interface Interceptor {

    /**
     * Wraps one delivery.
     *
     * @param self    the actor's address
     * @param message the message (for a batch actor, the {@link java.util.List} of the batch)
     * @param next    delivers the message to the actor
     * @throws Exception a failure of the actor
     */
    void intercept(Addr<?> self, Object message, Delivery next) throws Exception;

    /** The rest of the delivery: the actor's handler. */
    @FunctionalInterface
    interface Delivery {
        /**
         * Runs the actor's handler.
         *
         * @throws Exception whatever the handler throws
         */
        void proceed() throws Exception;
    }
}
