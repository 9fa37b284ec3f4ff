package dev.crema.bench;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Mailbox;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.SystemConfig;

/** Base of the Crema side of a workload: a system with the default configuration. */
public abstract class CremaWorkload implements Workload {

    /**
     * For an actor that one or more producers flood: an unbounded mailbox, like Pekko's default one, so
     * nothing is refused. (The default bounded(1000) mailbox would dead-letter a flood sent with
     * {@code tell}; the overload workload is where bounded mailboxes are measured.)
     */
    protected static final SpawnOptions FLOODED = SpawnOptions.defaults().withMailbox(Mailbox.unbounded());

    protected final ActorSystem system;

    /** @param name the system's name */
    protected CremaWorkload(String name) {
        this.system = ActorSystem.create(name, SystemConfig.defaults());
    }

    @Override
    public void close() {
        system.close();
    }
}
