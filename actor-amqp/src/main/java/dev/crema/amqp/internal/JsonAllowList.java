package dev.crema.amqp.internal;

import dev.crema.actor.Addr;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The types a JSON codec may build, computed once from its root type by walking record components,
 * permitted subclasses and type arguments. Anything else reachable is rejected here, when the codec is
 * made, with the path to the offending type, so a codec that exists never meets a type it cannot vet.
 * Immutable after construction.
 */
final class JsonAllowList {

    private static final Set<Class<?>> SCALARS = Set.of(String.class, Boolean.class, Byte.class, Short.class,
            Integer.class, Long.class, Float.class, Double.class, Character.class, byte[].class);

    private final Set<Class<?>> seen = new LinkedHashSet<>();
    private final Set<Class<?>> sealed = new LinkedHashSet<>();
    private final Set<Class<?>> permitted = new LinkedHashSet<>();

    JsonAllowList(Class<?> root) {
        if (Addr.class.isAssignableFrom(root)) {
            throw new IllegalArgumentException("an Addr cannot be a whole message; put it in a record component");
        }
        visit(root, root.getName());
    }

    Set<Class<?>> sealedInterfaces() {
        return sealed;
    }

    Set<Class<?>> permittedRecords() {
        return permitted;
    }

    private void visit(Type type, String where) {
        if (type instanceof Class<?> c) {
            visitClass(c, where);
        } else if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class || raw == Set.class) {
                visit(args[0], where + "<element>");
            } else if (raw == Map.class) {
                if (args[0] != String.class) {
                    throw refuse(where, "Map keys must be String");
                }
                visit(args[1], where + "<value>");
            } else if (raw == Addr.class) {
                visit(args[0], where + "<message>");
            } else {
                throw refuse(where, raw.getName() + " is not an allowed generic type (List, Set, Map<String, ?>, Addr)");
            }
        } else if (type instanceof GenericArrayType g) {
            visit(g.getGenericComponentType(), where + "[]");
        } else {
            throw refuse(where, "type " + type + " is not concrete (a wildcard or type variable)");
        }
    }

    private void visitClass(Class<?> c, String where) {
        if (c.isPrimitive() || SCALARS.contains(c) || !seen.add(c)) {
            return;
        }
        if (c.isEnum()) {
            return;
        }
        if (c.isArray()) {
            visit(c.getComponentType(), where + "[]");
        } else if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                visit(rc.getGenericType(), c.getSimpleName() + "." + rc.getName());
            }
        } else if (c.isInterface() && c.isSealed()) {
            sealed.add(c);
            Set<String> names = new LinkedHashSet<>();
            for (Class<?> sub : c.getPermittedSubclasses()) {
                if (!sub.isRecord() && !(sub.isInterface() && sub.isSealed())) {
                    throw refuse(where, "permitted subclass " + sub.getName() + " of " + c.getName()
                            + " is neither a record nor a sealed interface");
                }
                if (sub.isRecord()) {
                    if (!names.add(sub.getSimpleName())) {
                        throw refuse(where, "two permitted records of " + c.getName() + " are named "
                                + sub.getSimpleName());
                    }
                    permitted.add(sub);
                }
                visitClass(sub, where);
            }
        } else if (c == Addr.class) {
            throw refuse(where, "a raw Addr has no message type; write Addr<T>");
        } else {
            throw refuse(where, c.getName() + " is not allowed: use records, sealed interfaces of records, "
                    + "enums, String, primitives and their boxes");
        }
    }

    private static IllegalArgumentException refuse(String where, String why) {
        return new IllegalArgumentException("JsonCodec cannot take " + where + ": " + why);
    }
}
