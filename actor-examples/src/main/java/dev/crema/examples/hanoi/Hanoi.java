package dev.crema.examples.hanoi;

import dev.crema.actor.Addr;
import dev.crema.amqp.JsonCodec;

/** The engine's protocol: what crosses the broker between {@link HanoiClient} and {@link HanoiEngine}. */
public final class Hanoi {

    /** The engine's queue. */
    public static final String QUEUE = "hanoi.jobs";

    private Hanoi() {
    }

    /** A job for the engine; the permitted records are the only types it will decode. */
    public sealed interface Job permits Solve {
    }

    /**
     * Solve the Tower of Hanoi for {@code discs} discs and reply with the count and a checksum of the moves.
     *
     * @param discs   1 to 30
     * @param replyTo where the answer goes (crosses the broker as a reference to the asking process)
     */
    public record Solve(int discs, Addr<Solved> replyTo) implements Job {
    }

    /**
     * The answer.
     *
     * @param discs    the discs
     * @param moves    2^discs - 1
     * @param checksum a hash of every move, so the work cannot be skipped
     * @param worker   which worker solved it
     */
    public record Solved(int discs, long moves, long checksum, String worker) {
    }

    /** The codec of jobs. */
    public static final JsonCodec<Job> JOBS = JsonCodec.of(Job.class);

    /**
     * Plays every move of the puzzle (iteratively), hashing them: CPU-heavy on purpose, 2^discs - 1 moves.
     *
     * @param discs the discs
     * @return {moves, checksum}
     */
    public static long[] solve(int discs) {
        long moves = 0;
        long hash = 1125899906842597L;
        long total = (1L << discs) - 1;
        for (long m = 1; m <= total; m++) {
            int disc = Long.numberOfTrailingZeros(m);          // the disc that moves at step m
            long from = (m & (m - 1)) % 3;                      // classic closed form of the pegs
            long to = ((m | (m - 1)) + 1) % 3;
            hash = 31 * hash + (disc * 9L + from * 3 + to);
            moves++;
        }
        return new long[] {moves, hash};
    }
}
