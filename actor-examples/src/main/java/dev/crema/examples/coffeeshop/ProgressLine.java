package dev.crema.examples.coffeeshop;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The live one-line display while the day runs: ten times a second it rewrites the terminal line
 * ({@code \r}) with the ledger's numbers. Only started when the output is a terminal.
 *
 * <p>Shows: a periodic timer, and {@code Dispatcher.BLOCKING} for an actor that writes to a terminal
 * (a write can block, so it stays off the threads that run the shop).
 */
final class ProgressLine implements Actor<ProgressLine.Tick> {

    enum Tick { INSTANCE }

    private final ActorContext<Tick> ctx;
    private final PrintStream out;
    private final SimClock clock;
    private final Ledger ledger;
    private final IntSupplier restarts;
    private int width;

    ProgressLine(ActorContext<Tick> ctx, PrintStream out, SimClock clock, Ledger ledger, IntSupplier restarts) {
        this.ctx = ctx;
        this.out = out;
        this.clock = clock;
        this.ledger = ledger;
        this.restarts = restarts;
    }

    @Override
    public void preStart() {
        ctx.timers().startPeriodic("redraw", Tick.INSTANCE, clock.interval(Duration.ofMillis(100)));
    }

    @Override
    public void receive(Tick tick) {
        String line = String.format("  %s  placed %d | served %d | turned away %d | rejected %d | refunded %d"
                        + " | gave up %d | in flight %d | restarts %d",
                SimClock.format(Duration.ofNanos(clock.now())), ledger.placed.sum(),
                ledger.count(Ledger.Bucket.SERVED), ledger.count(Ledger.Bucket.TURNED_AWAY),
                ledger.count(Ledger.Bucket.REJECTED), ledger.count(Ledger.Bucket.REFUNDED),
                ledger.count(Ledger.Bucket.GAVE_UP), ledger.inFlight(), restarts.getAsInt());
        width = Math.max(width, line.length());
        out.print("\r" + line);
        out.flush();
    }

    /** Clears the line, so the report starts on a clean one. */
    @Override
    public void postStop() {
        out.print("\r" + " ".repeat(width) + "\r");
        out.flush();
    }

    /** Whether standard output is a terminal (JDK 22+ has a console even when piped; ask it then). */
    static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 17 to 21: a console exists only for a terminal
        }
    }
}
