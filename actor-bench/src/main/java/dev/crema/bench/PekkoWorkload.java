package dev.crema.bench;

import org.apache.pekko.actor.ActorSystem;

/** Base of the Pekko side of a workload: a system in the default or the tuned set-up. */
public abstract class PekkoWorkload implements Workload {

    protected final ActorSystem system;

    /**
     * @param name    the system's name
     * @param library {@link Library#PEKKO_DEFAULT} or {@link Library#PEKKO_TUNED}
     */
    protected PekkoWorkload(String name, Library library) {
        this(name, library, null);
    }

    /**
     * @param name    the system's name
     * @param library {@link Library#PEKKO_DEFAULT} or {@link Library#PEKKO_TUNED}
     * @param extra   HOCON definitions added on top (see {@link PekkoSystems#create(String, Library, String)})
     */
    protected PekkoWorkload(String name, Library library, String extra) {
        this.system = PekkoSystems.create(name, library, extra);
    }

    @Override
    public void close() {
        PekkoSystems.terminate(system);
    }
}
