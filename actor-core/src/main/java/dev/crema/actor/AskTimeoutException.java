package dev.crema.actor;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * An {@link Addr#ask} got no reply in time. The message names the target, the request type and the
 * timeout, e.g. {@code ask to crema://shop/user/cashier with Pay got no reply within PT2S}.
 *
 * <p>It carries no stack trace. Immutable and thread-safe.
 */
public final class AskTimeoutException extends TimeoutException {

    private static final long serialVersionUID = 1L;

    /** The path of the actor that was asked. */
    private final String target;
    /** The class of the request. */
    private final Class<?> requestType;
    /** The timeout that expired. */
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

    /**
     * No stack trace: a timeout is an outcome, not a bug, and a storm of them must stay cheap (the timer
     * thread builds each one).
     *
     * @return this exception
     */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** {@return the path of the actor that was asked} */
    public String target() {
        return target;
    }

    /** {@return the class of the request} */
    public Class<?> requestType() {
        return requestType;
    }

    /** {@return the timeout that expired} */
    public Duration timeout() {
        return timeout;
    }
}
