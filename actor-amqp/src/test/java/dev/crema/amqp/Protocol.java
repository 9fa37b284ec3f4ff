package dev.crema.amqp;

import dev.crema.actor.Addr;

/** Messages of the tests: a sealed allow-list of records, some carrying addresses. */
public sealed interface Protocol permits Protocol.Add, Protocol.Get, Protocol.Subscribe, Protocol.Note {

    /** Adds to a counter. */
    record Add(long n) implements Protocol {
    }

    /** Asks for the sum. */
    record Get(Addr<Long> replyTo) implements Protocol {
    }

    /** Registers a subscriber that receives notes. */
    record Subscribe(Addr<Note> subscriber) implements Protocol {
    }

    /** A note to a subscriber. */
    record Note(String text) implements Protocol {
    }
}
