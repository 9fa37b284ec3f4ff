/**
 * Crema: an embeddable actor library. The API is {@code dev.crema.actor}; {@code dev.crema.actor.internal}
 * is the runtime and is not exported.
 */
module dev.crema.actor {
    requires org.jctools.core;
    requires org.slf4j;
    // Flight Recorder events (in every JDK 11+); see internal.CremaEvents
    requires jdk.jfr;
    // JCTools reaches sun.misc.Unsafe and declares jdk.unsupported only as a static requirement; on the
    // module path nothing else would resolve it.
    requires jdk.unsupported;

    exports dev.crema.actor;
    exports dev.crema.actor.supervision;
    exports dev.crema.actor.inspect;
}
