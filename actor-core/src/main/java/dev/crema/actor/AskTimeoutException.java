package dev.crema.actor;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * An {@link Addr#ask} got no reply in time. The message names the target, the request type and the
 * timeout, e.g. {@code ask to crema://shop/user/cashier with Pay got no reply within PT2S}.
 *
 * <p>Immutable and thread-safe.
 */
public final class AskTimeoutException extends TimeoutException {

    private static final long serialVersionUID = 1L;

    private final String target;
    private final Class<?> requestType;
    private final Duration timeout;

    /**
     * Creates the exception.
     *
     * @param target      the path of the actor that was asked
     * @param requestType the class of the request
     * @param timeout     the timeout that expired
     */
    public AskTimeoutException(String target, Class<?> requestType, Duration timeout) {
        super("ask to " + target + " with " + requestType.getSimpleName() + " got no reply within " + timeout);
        this.target = target;
        this.requestType = requestType;
        this.timeout = timeout;
    }

    /** @return the path of the actor that was asked */
    public String target() {
        return target;
    }

    /** @return the class of the request */
    public Class<?> requestType() {
        return requestType;
    }

    /** @return the timeout that expired */
    public Duration timeout() {
        return timeout;
    }
}
