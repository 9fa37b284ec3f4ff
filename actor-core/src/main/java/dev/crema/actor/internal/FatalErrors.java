package dev.crema.actor.internal;

import dev.crema.actor.FatalErrorPolicy;
import org.slf4j.Logger;

/**
 * The runtime's answer to a fatal error of the JVM thrown by an actor (see {@link FatalErrorPolicy}): never a
 * quiet resume or restart. Runs on the failing actor's thread, inside its turn.
 */
final class FatalErrors {

    private static final Logger LOG = Loggers.FAILURES;
    /** {@code EX_SOFTWARE} of sysexits.h: an internal software error. */
    static final int EXIT_STATUS = 70;

    private FatalErrors() {
    }

    static void handle(ActorCell<?> cell, Throwable error) {
        SystemRuntime rt = cell.runtime();
        CremaEvents.failed(cell, error, null, "FATAL_" + rt.config().fatalErrorPolicy().name());
        if (rt.config().fatalErrorPolicy() == FatalErrorPolicy.EXIT_JVM) {
            LOG.error("{} threw a fatal error; the JVM exits (FatalErrorPolicy.EXIT_JVM)", cell.path(), error);
            Thread exit = new Thread(() -> System.exit(EXIT_STATUS), "crema-" + rt.name() + "-fatal-exit");
            exit.start(); // not on this thread: a shutdown hook may wait for this very actor
            Lifecycle.stopNow(cell, error);
            return;
        }
        LOG.error("{} threw a fatal error; it is stopped and the error escalated to the top-level failure handler "
                + "(FatalErrorPolicy.ESCALATE)", cell.path(), error);
        Lifecycle.stopNow(cell, error);
        if (rt.userCodeAllowed()) {
            try {
                rt.config().topLevelFailureHandler().onFailure(rt.facade(), cell, error);
            } catch (Throwable t) {
                LOG.error("the top-level failure handler threw", t);
            }
        }
    }
}
