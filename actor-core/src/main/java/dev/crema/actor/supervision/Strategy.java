package dev.crema.actor.supervision;

/**
 * Which children a supervisor restarts when one of them has to be restarted (Erlang/OTP's restart
 * strategies). Whatever the strategy, a restarted child keeps its {@link dev.crema.actor.Addr} and
 * its mailbox.
 *
 * <p>Immutable and thread-safe.
 */
public enum Strategy {
    /** Only the failed child is restarted. */
    ONE_FOR_ONE,
    /**
     * All children are restarted: the others are torn down in reverse start order, then all are started
     * again in start order. Temporary children torn down this way are not restarted.
     */
    ONE_FOR_ALL,
    /**
     * The failed child and the children started after it are restarted: those are torn down in reverse
     * start order, then started again in start order.
     */
    REST_FOR_ONE,
    /**
     * OTP's {@code simple_one_for_one}: a pool of children of one template, added at run time with
     * {@link Supervisor#startChild()}, each restarted on its own.
     */
    POOL
}
