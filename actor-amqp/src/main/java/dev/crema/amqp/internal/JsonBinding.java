package dev.crema.amqp.internal;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import dev.crema.actor.Addr;
import dev.crema.amqp.Addresses;
import dev.crema.amqp.Codec;
import java.io.IOException;
import java.util.function.Function;

/**
 * The Jackson side of {@code JsonCodec}: one mapper per root type, configured from the allow-list that
 * {@link JsonAllowList} computed (sealed interfaces get an {@code "@type"} name property with their
 * permitted records registered as the only subtypes). Addresses are written and read through the
 * {@link Addresses} passed as a per-call attribute. Loaded only when a {@code JsonCodec} is made, so
 * Jackson stays optional. Immutable and thread-safe (Jackson's readers and writers are).
 *
 * @param <M> the root type
 */
public final class JsonBinding<M> {

    private static final String ADDRESSES = "crema.addresses";

    private final ObjectReader reader;
    private final ObjectWriter writer;

    /**
     * @param root   the message type
     * @param codecs the codec of a nested address's message type
     * @throws IllegalArgumentException if a reachable type is not allowed
     */
    public JsonBinding(Class<M> root, Function<Class<?>, Codec<?>> codecs) {
        JsonAllowList allow = new JsonAllowList(root);
        SimpleModule addrs = new SimpleModule("crema-addresses");
        addrs.addSerializer(Addr.class, new AddrSerializer(codecs, null));
        addrs.addDeserializer(Addr.class, new AddrDeserializer(codecs, null));
        JsonMapper.Builder b = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.AUTO_DETECT_SETTERS)
                .addModule(addrs);
        for (Class<?> sealed : allow.sealedInterfaces()) {
            b.addMixIn(sealed, TypeNameMixin.class);
        }
        ObjectMapper mapper = b.build();
        for (Class<?> record : allow.permittedRecords()) {
            mapper.registerSubtypes(new NamedType(record, record.getSimpleName()));
        }
        this.reader = mapper.readerFor(root);
        this.writer = mapper.writerFor(root);
    }

    /** Marks a sealed interface as polymorphic by name, never by class. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "@type")
    private interface TypeNameMixin {
    }

    /**
     * @param message   the message
     * @param addresses for addresses inside it
     * @return the JSON
     * @throws IOException if Jackson fails
     */
    public byte[] write(M message, Addresses addresses) throws IOException {
        return writer.withAttribute(ADDRESSES, addresses).writeValueAsBytes(message);
    }

    /**
     * @param body      the JSON
     * @param addresses for addresses inside it
     * @return the message
     * @throws IOException if it is not a message of the allow-list
     */
    public M read(byte[] body, Addresses addresses) throws IOException {
        return reader.withAttribute(ADDRESSES, addresses).readValue(body);
    }

    private static Class<?> messageType(JavaType addrType) {
        JavaType t = addrType == null ? null : addrType.containedType(0);
        return t == null ? null : t.getRawClass();
    }

    /** Writes an address as its reference string. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class AddrSerializer extends JsonSerializer<Addr> implements ContextualSerializer {
        private final Function<Class<?>, Codec<?>> codecs;
        private final Class<?> messageType;

        AddrSerializer(Function<Class<?>, Codec<?>> codecs, Class<?> messageType) {
            this.codecs = codecs;
            this.messageType = messageType;
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider prov, BeanProperty property) {
            return new AddrSerializer(codecs, property == null ? null : messageType(property.getType()));
        }

        @Override
        public void serialize(Addr value, JsonGenerator gen, SerializerProvider prov) throws IOException {
            Addresses addresses = (Addresses) prov.getAttribute(ADDRESSES);
            if (addresses == null || messageType == null) {
                throw JsonMappingException.from(prov, "an Addr can only be written inside a record component "
                        + "of type Addr<T>, by a codec used through an AmqpNode");
            }
            gen.writeString(addresses.export(value, (Codec) codecs.apply(messageType)));
        }
    }

    /** Reads a reference string as an address that routes to it. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class AddrDeserializer extends JsonDeserializer<Addr> implements ContextualDeserializer {
        private final Function<Class<?>, Codec<?>> codecs;
        private final Class<?> messageType;

        AddrDeserializer(Function<Class<?>, Codec<?>> codecs, Class<?> messageType) {
            this.codecs = codecs;
            this.messageType = messageType;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            JavaType t = property != null ? property.getType() : ctxt.getContextualType();
            return new AddrDeserializer(codecs, messageType(t));
        }

        @Override
        public Addr deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Addresses addresses = (Addresses) ctxt.getAttribute(ADDRESSES);
            if (addresses == null || messageType == null) {
                throw JsonMappingException.from(p, "an Addr can only be read inside a record component of type "
                        + "Addr<T>, by a codec used through an AmqpNode");
            }
            String ref = p.getValueAsString();
            if (ref == null) {
                throw JsonMappingException.from(p, "an address must be a reference string");
            }
            try {
                return addresses.resolve(ref, (Codec) codecs.apply(messageType));
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }
}
