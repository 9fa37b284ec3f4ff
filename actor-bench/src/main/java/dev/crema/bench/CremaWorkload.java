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
        this(name, config());
    }

    /**
     * For the benchmarks that vary the configuration itself (the observability cost: turn timing on or off).
     *
     * @param name   the system's name
     * @param config its configuration
     */
    protected CremaWorkload(String name, SystemConfig config) {
        this.system = ActorSystem.create(name, config);
    }

    /** @return the workload's system, for a benchmark that watches it while it runs ({@code inspect()}) */
    public ActorSystem system() {
        return system;
    }

    /**
     * {@code SystemConfig.defaults()}, which is what every published number uses. For diagnosis only,
     * system properties can change it ({@code -jvmArgsAppend -Dcrema.bench.mdc=false} on the JMH command
     * line): {@code crema.bench.mdc}, {@code crema.bench.throughput}, {@code crema.bench.parallelism}.
     *
     * @return the configuration of the Crema systems
     */
    public static SystemConfig config() {
        SystemConfig c = SystemConfig.defaults();
        String mdc = System.getProperty("crema.bench.mdc");
        if (mdc != null) {
            c = c.withMdc(Boolean.parseBoolean(mdc));
        }
        Integer throughput = Integer.getInteger("crema.bench.throughput");
        if (throughput != null) {
            c = c.withThroughput(throughput);
        }
        Integer parallelism = Integer.getInteger("crema.bench.parallelism");
        if (parallelism != null) {
            c = c.withParallelism(parallelism);
        }
        return c;
    }

    @Override
    public void close() {
        system.close();
    }
}
