package dev.crema.actor.internal;

import org.slf4j.Logger;

/**
 * The runtime's SLF4J loggers, named by what they report rather than by internal class, so users can
 * tune them (the README lists them). Without any SLF4J provider they write WARN and ERROR to standard
 * error ({@link StderrLogger}) instead of nothing. Every logger is thread-safe.
 */
final class Loggers {

    /** Undeliverable messages, at WARN, rate limited. */
    static final Logger DEAD_LETTERS = StderrLogger.forName("dev.crema.actor.DeadLetters");
    /** Failures decided by a parent's decider: STOP and ESCALATE at ERROR, RESTART and RESUME at WARN. */
    static final Logger FAILURES = StderrLogger.forName("dev.crema.actor.Failures");
    /** Supervisors' decisions: restarts at WARN, giving up and escalating at ERROR. */
    static final Logger SUPERVISION = StderrLogger.forName("dev.crema.actor.supervision.Supervisor");
    /** Lifecycle hooks that threw (postStop, preRestart), at ERROR. */
    static final Logger LIFECYCLE = StderrLogger.forName("dev.crema.actor.Lifecycle");
    /** Turns that hold a thread of the default dispatcher past the starvation threshold, at WARN. */
    static final Logger STARVATION = StderrLogger.forName("dev.crema.actor.Starvation");
    /** The system itself: shutdown reports (INFO, or ERROR past the deadline), executors, timers, internal errors. */
    static final Logger SYSTEM = StderrLogger.forName("dev.crema.actor.ActorSystem");

    private Loggers() {
    }
}
