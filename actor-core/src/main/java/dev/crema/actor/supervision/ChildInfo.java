package dev.crema.actor.supervision;

import dev.crema.actor.Addr;
import java.util.Optional;

/**
 * A snapshot of one supervised child (OTP's {@code which_children}, plus the restart count).
 *
 * @param id           the child's id
 * @param addr         its address while it has one (stable across restarts); {@code null} when stopped
 * @param status       where it is in its life
 * @param restartType  its restart type
 * @param isSupervisor whether it is a supervisor
 * @param restarts     how many times this supervisor has restarted it (in place or as a new actor)
 *
 * <p>An immutable snapshot; thread-safe.
 */
public record ChildInfo(String id, Addr<?> addr, ChildStatus status, RestartType restartType,
                        boolean isSupervisor, int restarts) {

    /** {@return the address, if the child has one} */
    public Optional<Addr<?>> address() {
        return Optional.ofNullable(addr);
    }
}
