/**
 * Crema's testkit: {@link dev.crema.testkit.TestProbe}, the JUnit 5 extension
 * {@link dev.crema.testkit.ActorTestKitExtension}, virtual time through {@link dev.crema.actor.ManualClock},
 * and {@link dev.crema.testkit.ActorHarness} for one actor without threads. The API is
 * {@code dev.crema.testkit}; {@code dev.crema.testkit.internal} is not exported.
 */
module dev.crema.testkit {
    // both appear in the API (ActorSystem, Addr, Extension, ...), so users of the testkit read them too
    requires transitive dev.crema.actor;
    requires transitive org.junit.jupiter.api;

    exports dev.crema.testkit;
}
