package dev.crema.actor.internal;

/**
 * The "cause" a supervised child reports when it stops itself ({@code ctx.stop()}): not a failure, but
 * its supervisor must still decide (a permanent child is restarted in place, keeping its address; a
 * transient or temporary one is stopped for good). Never logged as an error, never seen by user code:
 * lifecycle hooks get {@code null} instead.
 */
final class NormalExit extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final NormalExit INSTANCE = new NormalExit();

    private NormalExit() {
        super("stopped itself normally", null, false, false);
    }
}
