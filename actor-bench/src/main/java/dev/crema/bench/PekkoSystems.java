package dev.crema.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;

/** Builds the two Pekko set-ups of {@link Library}. */
public final class PekkoSystems {

    private PekkoSystems() {
    }

    /**
     * The "tuned" overrides, built programmatically: the default dispatcher's fork-join pool sized to the
     * cores (Pekko's default is max(8, cores)), and {@code SingleConsumerOnlyUnboundedMailbox} (Pekko's
     * fastest unbounded mailbox, an intrusive MPSC node queue) as the default mailbox. Throughput stays at
     * Pekko's default of 5.
     *
     * @return HOCON
     */
    public static String tunedConfig() {
        int cores = Runtime.getRuntime().availableProcessors();
        return "pekko.actor.default-dispatcher.fork-join-executor {\n"
                + "  parallelism-min = " + cores + "\n"
                + "  parallelism-factor = 1.0\n"
                + "  parallelism-max = " + cores + "\n"
                + "}\n"
                + "pekko.actor.default-mailbox.mailbox-type = \"org.apache.pekko.dispatch.SingleConsumerOnlyUnboundedMailbox\"\n";
    }

    /**
     * Starts a Pekko system.
     *
     * @param name    system name
     * @param library {@link Library#PEKKO_DEFAULT} or {@link Library#PEKKO_TUNED}
     * @return the system
     */
    public static ActorSystem create(String name, Library library) {
        return create(name, library, null);
    }

    /**
     * Starts a Pekko system with extra definitions (e.g. a named bounded mailbox for the overload
     * workload); they add to the set-up and do not change its defaults.
     *
     * @param name    system name
     * @param library {@link Library#PEKKO_DEFAULT} or {@link Library#PEKKO_TUNED}
     * @param extra   HOCON added on top, or {@code null}
     * @return the system
     */
    public static ActorSystem create(String name, Library library, String extra) {
        if (!library.isPekko()) {
            throw new IllegalArgumentException(library + " is not a Pekko set-up");
        }
        if (library == Library.PEKKO_DEFAULT && extra == null) {
            return ActorSystem.create(name); // exactly the default configuration
        }
        Config config = ConfigFactory.load();
        if (library == Library.PEKKO_TUNED) {
            config = ConfigFactory.parseString(tunedConfig()).withFallback(config);
        }
        if (extra != null) {
            config = ConfigFactory.parseString(extra).withFallback(config);
        }
        return ActorSystem.create(name, config);
    }

    /**
     * Terminates a system and waits for it.
     *
     * @param system the system
     */
    public static void terminate(ActorSystem system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("Pekko system " + system.name() + " did not terminate", e);
        }
    }
}
