package dev.crema.actor;

import java.util.Objects;

/**
 * A typed name in the {@link Registry}: the name plus the message type of the actor registered under it,
 * so a lookup can never hand back an {@link Addr} of another message type.
 *
 * <pre>{@code
 * static final RegistryKey<Order> CASHIER = RegistryKey.of("cashier", Order.class);
 * }</pre>
 *
 * <p>Immutable and thread-safe. Two keys are equal when name and type are equal.
 *
 * @param <M> the message type of the registered actor
 */
public final class RegistryKey<M> {

    private final String name;
    private final Class<M> type;

    private RegistryKey(String name, Class<M> type) {
        this.name = name;
        this.type = type;
    }

    /**
     * Creates a key.
     *
     * @param name the name: non-empty, at most 255 characters, no white space or control characters
     * @param type the message type of the actor registered under this name
     * @param <M>  the message type
     * @return the key
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is empty, too long, or contains white space or
     *                                  control characters
     */
    public static <M> RegistryKey<M> of(String name, Class<M> type) {
        Objects.requireNonNull(name, "registry name must not be null");
        Objects.requireNonNull(type, "registry key type must not be null");
        if (name.isEmpty() || name.length() > 255) {
            throw new IllegalArgumentException("registry name must have 1 to 255 characters, got " + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("registry name must not contain white space or control "
                        + "characters: '" + name + "'");
            }
        }
        return new RegistryKey<>(name, type);
    }

    /** {@return the name} */
    public String name() {
        return name;
    }

    /** {@return the message type} */
    public Class<M> type() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryKey<?> k && k.name.equals(name) && k.type.equals(type);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return name + "<" + type.getSimpleName() + ">";
    }
}
