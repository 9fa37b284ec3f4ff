package dev.crema.amqp.internal;

import java.util.ArrayDeque;
import java.util.HashSet;

/**
 * The last {@code capacity} accepted message ids of one consumer, oldest forgotten first. Not
 * thread-safe: its {@link Inbound} calls it under its own monitor.
 */
final class Dedup {
    private final int capacity;
    private final HashSet<String> ids;
    private final ArrayDeque<String> order;

    Dedup(int capacity) {
        this.capacity = capacity;
        this.ids = new HashSet<>(capacity == 0 ? 1 : capacity * 2);
        this.order = new ArrayDeque<>(capacity == 0 ? 1 : capacity);
    }

    boolean seen(String id) {
        return id != null && capacity > 0 && ids.contains(id);
    }

    void accepted(String id) {
        if (id == null || capacity == 0 || !ids.add(id)) {
            return;
        }
        order.addLast(id);
        if (order.size() > capacity) {
            ids.remove(order.pollFirst());
        }
    }
}
