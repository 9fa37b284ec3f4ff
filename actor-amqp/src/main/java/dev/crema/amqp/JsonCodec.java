package dev.crema.amqp;

import dev.crema.amqp.internal.JsonBinding;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON for records, through Jackson ({@code com.fasterxml.jackson.core:jackson-databind}, an optional
 * dependency: add it to use this codec). The type given to {@link #of} is the allow-list: a record, or a
 * sealed interface whose permitted subclasses are records (or sealed interfaces of records), and,
 * recursively, the types of their components. A message of any other type is an error and never
 * instantiated; nothing is ever decoded by a class name read from the message, only by the
 * {@code "@type"} name of a permitted record of a sealed interface (its simple name).
 *
 * <pre>{@code
 * sealed interface Job permits Solve, Cancel {}
 * record Solve(int discs, Addr<Solved> replyTo) implements Job {}
 * record Cancel(long id) implements Job {}
 * Codec<Job> codec = JsonCodec.of(Job.class);   // {"@type":"Solve","discs":20,"replyTo":"crema.node.web.x#a1"}
 * }</pre>
 *
 * <p>Component types allowed: primitives and their boxes, {@code String}, enums, {@code byte[]},
 * allowed records and sealed interfaces, {@code List}, {@code Set} and {@code Map<String, ?>} of allowed
 * types, and {@link dev.crema.actor.Addr}{@code <T>} of an allowed {@code T}, which crosses as a reference
 * (see {@link Addresses}). {@code of} also takes an enum, {@code String} or a box as the whole message (for
 * replies such as {@code Addr<Long>}). Unknown JSON properties are an error.
 *
 * <p>Immutable and thread-safe; {@link #of} returns the same codec for the same type.
 *
 * @param <M> the message type
 */
public final class JsonCodec<M> implements Codec<M> {

    /** The content type of every message this codec writes. */
    public static final String CONTENT_TYPE = "application/json";

    private static final ConcurrentHashMap<Class<?>, JsonCodec<?>> CACHE = new ConcurrentHashMap<>();

    private final Class<M> type;
    private final JsonBinding<M> binding;

    private JsonCodec(Class<M> type) {
        this.type = type;
        this.binding = new JsonBinding<>(type, JsonCodec::of);
    }

    /**
     * The codec for a type.
     *
     * @param type a record, a sealed interface of records, an enum, {@code String} or a primitive box
     * @param <M>  the message type
     * @return the codec
     * @throws NullPointerException     if {@code type} is {@code null}
     * @throws IllegalArgumentException naming the first type reachable from it that is not allowed
     * @throws IllegalStateException    if Jackson is not on the class or module path
     */
    @SuppressWarnings("unchecked")
    public static <M> JsonCodec<M> of(Class<M> type) {
        Objects.requireNonNull(type, "type must not be null");
        JsonCodec<?> known = CACHE.get(type);
        if (known != null) {
            return (JsonCodec<M>) known;
        }
        try {
            Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, JsonCodec.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("JsonCodec needs com.fasterxml.jackson.core:jackson-databind on the "
                    + "class or module path; add the dependency or bring your own Codec");
        }
        JsonCodec<M> created = new JsonCodec<>(type);
        JsonCodec<?> raced = CACHE.putIfAbsent(type, created);
        return raced != null ? (JsonCodec<M>) raced : created;
    }

    /** {@return the message type} */
    public Class<M> type() {
        return type;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public byte[] encode(M message, Addresses addresses) throws Exception {
        if (!type.isInstance(message)) {
            throw new IllegalArgumentException(message.getClass().getName() + " is not a " + type.getName());
        }
        return binding.write(message, addresses);
    }

    @Override
    public M decode(byte[] body, Addresses addresses) throws Exception {
        return binding.read(body, addresses);
    }

    @Override
    public String toString() {
        return "JsonCodec[" + type.getSimpleName() + "]";
    }
}
