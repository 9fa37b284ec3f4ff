package dev.crema.actor.hardening;

import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.SendResult;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Exact accounting of messages identified by (target, producer, sequence number): each one must end in
 * exactly one of: processed by the target, refused to the producer (a {@link SendResult}), or
 * dead-lettered (with its reason), or (for actors that never stop) abandoned. Thread-safe: each
 * outcome set is guarded by its own monitor.
 */
final class Ledger {

    /** A message of the ledger. {@code crash} makes the receiving handler throw. */
    record Msg(int target, int producer, int seq, boolean crash) {
    }

    private final int targets;
    private final int producers;
    private final BitSet[] processed;
    private final BitSet[] refused;
    private final BitSet[] dead;
    private final BitSet[] failed;
    private final long[] duplicates;
    private final long[] outOfOrder;
    private final int[] last;
    private final int[] sent;
    private final Map<DeadLetterReason, Long> deadByReason = new EnumMap<>(DeadLetterReason.class);
    private final List<String> badDeadLetters = new ArrayList<>();

    Ledger(int targets, int producers) {
        this.targets = targets;
        this.producers = producers;
        int n = targets * producers;
        processed = new BitSet[n];
        refused = new BitSet[n];
        dead = new BitSet[n];
        failed = new BitSet[n];
        duplicates = new long[n];
        outOfOrder = new long[n];
        last = new int[n];
        sent = new int[n];
        for (int i = 0; i < n; i++) {
            processed[i] = new BitSet();
            refused[i] = new BitSet();
            dead[i] = new BitSet();
            failed[i] = new BitSet();
            last[i] = -1;
        }
        for (DeadLetterReason r : DeadLetterReason.values()) {
            deadByReason.put(r, 0L);
        }
    }

    private int slot(Msg m) {
        return m.target() * producers + m.producer();
    }

    /** The target handled (or threw on) {@code m}. Checks duplicates and per-sender order. */
    void processed(Msg m) {
        int s = slot(m);
        synchronized (processed[s]) {
            if (processed[s].get(m.seq())) {
                duplicates[s]++;
            }
            processed[s].set(m.seq());
            if (m.seq() <= last[s]) {
                outOfOrder[s]++;
            }
            last[s] = m.seq();
        }
    }

    /** The producer is about to send {@code m} (the highest sequence number sent, plus one). */
    void sending(Msg m) {
        int s = slot(m);
        synchronized (refused[s]) {
            sent[s] = Math.max(sent[s], m.seq() + 1);
        }
    }

    void refused(Msg m, SendResult r) {
        int s = slot(m);
        synchronized (refused[s]) {
            refused[s].set(m.seq());
        }
    }

    /**
     * A dead letter; returns whether it was one of the ledger's messages. A {@link DeadLetterReason#FAILED}
     * one is the handler's own failure (the message was also {@link #processed}); any other reason means
     * the message never reached the handler.
     */
    boolean deadLetter(DeadLetter dl) {
        if (!(dl.message() instanceof Msg m)) {
            return false;
        }
        int s = slot(m);
        boolean handlerFailure = dl.reason() == DeadLetterReason.FAILED;
        BitSet set = handlerFailure ? failed[s] : dead[s];
        synchronized (set) {
            if (set.get(m.seq())) {
                synchronized (badDeadLetters) {
                    badDeadLetters.add("dead-lettered twice: " + dl);
                }
            }
            set.set(m.seq());
        }
        synchronized (deadByReason) {
            deadByReason.merge(dl.reason(), 1L, Long::sum);
        }
        if (handlerFailure && (!m.crash() || dl.cause() == null)) {
            synchronized (badDeadLetters) {
                badDeadLetters.add("a FAILED dead letter for a message that did not crash, or without its cause: " + dl);
            }
        }
        return true;
    }

    long deadLetters(DeadLetterReason r) {
        synchronized (deadByReason) {
            return deadByReason.get(r);
        }
    }

    List<String> badDeadLetters() {
        synchronized (badDeadLetters) {
            return List.copyOf(badDeadLetters);
        }
    }

    /** The figures, and every violation found; empty problems means every message is accounted for once. */
    Audit audit() {
        Audit a = new Audit();
        for (int t = 0; t < targets; t++) {
            for (int p = 0; p < producers; p++) {
                int s = t * producers + p;
                BitSet got;
                BitSet ref;
                BitSet dl;
                synchronized (processed[s]) {
                    got = (BitSet) processed[s].clone();
                    a.duplicates += duplicates[s];
                    a.outOfOrder += outOfOrder[s];
                }
                int n;
                synchronized (refused[s]) {
                    ref = (BitSet) refused[s].clone();
                    n = sent[s];
                }
                BitSet fl;
                synchronized (dead[s]) {
                    dl = (BitSet) dead[s].clone();
                }
                synchronized (failed[s]) {
                    fl = (BitSet) failed[s].clone();
                }
                a.sent += n;
                a.refused += ref.cardinality();
                a.deadLettered += dl.cardinality();
                a.failedInHandler += fl.cardinality();
                a.processed += got.cardinality() - fl.cardinality();
                BitSet failedUnhandled = (BitSet) fl.clone();
                failedUnhandled.andNot(got);
                if (!failedUnhandled.isEmpty()) {
                    a.problems.add("t" + t + " p" + p + ": FAILED dead letters for messages the handler never saw");
                }
                if (got.intersects(dl)) {
                    a.problems.add("t" + t + " p" + p + ": DUPLICATED, both processed and dead-lettered: seq "
                            + first(got, dl));
                }
                if (ref.intersects(got) || ref.intersects(dl)) {
                    a.problems.add("t" + t + " p" + p + ": refused and yet processed or dead-lettered");
                }
                BitSet all = (BitSet) got.clone();
                all.or(dl);
                all.or(ref);
                int lost = n - all.get(0, n).cardinality();
                if (lost != 0) {
                    a.lost += lost;
                    a.problems.add("t" + t + " p" + p + ": " + lost + " of " + n + " messages lost, first seq "
                            + all.nextClearBit(0));
                }
                if (all.length() > n) {
                    a.problems.add("t" + t + " p" + p + ": outcomes recorded for messages never sent");
                }
            }
        }
        if (a.duplicates != 0) {
            a.problems.add(a.duplicates + " messages handled twice");
        }
        if (a.outOfOrder != 0) {
            a.problems.add(a.outOfOrder + " messages out of per-sender order");
        }
        a.problems.addAll(badDeadLetters());
        return a;
    }

    private static int first(BitSet a, BitSet b) {
        BitSet x = (BitSet) a.clone();
        x.and(b);
        return x.nextSetBit(0);
    }

    static final class Audit {
        long sent;
        long processed;
        long failedInHandler;
        long refused;
        long deadLettered;
        long lost;
        long duplicates;
        long outOfOrder;
        final List<String> problems = new ArrayList<>();

        @Override
        public String toString() {
            return "sent " + sent + ", processed " + processed + " (+" + failedInHandler + " crashed the handler), refused "
                    + refused + ", dead-lettered " + deadLettered + ", lost " + lost + ", duplicated " + duplicates;
        }
    }
}
