package dev.crema.examples.coffeeshop;

import dev.crema.actor.ManualClock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How the shop's main thread lets the day pass while it waits for something (the door to close, the orders
 * in flight to finish): on real time it watches the wall clock; in the deterministic mode it moves the
 * system's {@link ManualClock} itself, step by step, so every timer fires in its turn and nothing depends on
 * how fast the machine is. The main thread is not an actor's, so it may wait.
 */
sealed interface Pace {

    /** @return the pace for the mode the clock is in */
    static Pace of(SimClock clock, ManualClock manual) {
        return clock.isManual() ? new Manual(manual) : new Real();
    }

    /** Lets what was just started or sent settle before the main thread looks: on a manual clock, until quiet. */
    void settle();

    /**
     * Waits until {@code done} holds.
     *
     * @param done          what to wait for; polled
     * @param simulatedTime the most simulated time to let pass (deterministic mode)
     * @param realTime      the most wall-clock time to wait (real-time mode)
     * @param step          how far the manual clock moves between two looks (deterministic mode)
     * @return whether it held in time
     */
    boolean await(BooleanSupplier done, Duration simulatedTime, Duration realTime, Duration step)
            throws InterruptedException;

    /** The wall clock: look every 2 ms. */
    final class Real implements Pace {
        @Override
        public void settle() {
        }

        @Override
        public boolean await(BooleanSupplier done, Duration simulatedTime, Duration realTime, Duration step)
                throws InterruptedException {
            long end = System.nanoTime() + realTime.toNanos();
            while (!done.getAsBoolean()) {
                if (System.nanoTime() - end > 0) {
                    return false;
                }
                Thread.sleep(2);
            }
            return true;
        }
    }

    /** The manual clock: each step fires the timers due in it, in order, and returns once the system is quiet. */
    final class Manual implements Pace {
        private final ManualClock clock;

        Manual(ManualClock clock) {
            this.clock = clock;
        }

        @Override
        public void settle() {
            clock.awaitQuiet();
        }

        @Override
        public boolean await(BooleanSupplier done, Duration simulatedTime, Duration realTime, Duration step) {
            Duration end = clock.elapsed().plus(simulatedTime);
            clock.awaitQuiet();
            while (!done.getAsBoolean()) {
                if (clock.elapsed().compareTo(end) >= 0) {
                    return false;
                }
                clock.advance(step);
            }
            return true;
        }
    }
}
