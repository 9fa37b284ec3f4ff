package dev.crema.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The three contestants of every workload, in the same JMH run so that ratios are same-run ratios.
 *
 * <ul>
 *   <li>{@code crema}: Crema with {@code SystemConfig.defaults()} (parallelism = cores, throughput 64,
 *       bounded(1000) mailboxes); workloads in which a producer floods one actor spawn that actor with
 *       {@code Mailbox.unbounded()}, like Pekko's default mailbox, and say so.</li>
 *   <li>{@code pekko-default}: Apache Pekko classic, {@code ActorSystem.create(name)} with no overrides
 *       (fork-join parallelism max(8, cores), throughput 5, {@code UnboundedMailbox}).</li>
 *   <li>{@code pekko-tuned}: the fastest stock Pekko set-up, the one to beat: fork-join parallelism =
 *       cores and {@code SingleConsumerOnlyUnboundedMailbox} as the default mailbox; throughput stays at
 *       Pekko's default (5). See {@link PekkoSystems#tunedConfig()}.</li>
 * </ul>
 */
public enum Library {
    CREMA("crema"),
    PEKKO_DEFAULT("pekko-default"),
    PEKKO_TUNED("pekko-tuned");

    private final String id;

    Library(String id) {
        this.id = id;
    }

    /** @return the id used as the JMH {@code library} parameter */
    public String id() {
        return id;
    }

    /** @return whether this is one of the Pekko set-ups */
    public boolean isPekko() {
        return this != CREMA;
    }

    /**
     * @param id {@code crema}, {@code pekko-default} or {@code pekko-tuned}
     * @return the library
     * @throws IllegalArgumentException for anything else
     */
    public static Library of(String id) {
        for (Library l : values()) {
            if (l.id.equals(id)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown library '" + id + "'; expected one of "
                + Arrays.stream(values()).map(Library::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
