package dev.crema.actor.internal;

/**
 * Something the runtime puts in an actor's user queue on its own behalf, to be opened when its turn comes:
 * a timer's tick ({@link ActorTimers.Entry}) or a death-watch notice ({@link DeathWatch.Notice}). Travelling
 * in the queue gives them its order: a tick after what was sent before it fired, a notice after every message
 * the watched actor sent before it stopped. Opened on the owner's thread only.
 *
 * <p>An abstract class rather than an interface: every message a turn takes is tested against it, and a
 * test against a class is a compare of the class word's supertype slot, where a test against an interface
 * scans the class's list of secondary supertypes: counting ran 1.30x and ping-pong 1.15x faster once this
 * was no longer an interface (JMH, compared across runs).
 */
abstract class Envelope {

    /**
     * The message to hand to the instance now, or null if there is none any more (the timer was cancelled or
     * replaced, the target unwatched). Owner thread, only while the actor takes messages; may run user code
     * (a watch's mapping function).
     */
    abstract Object open(ActorCell<?> owner);

    /** What a dead letter shows for it when the actor stops first, or null if it is to be dropped. Owner thread. */
    abstract Object forDeadLetter();
}
