package dev.crema.examples.coffeeshop;

import java.io.PrintStream;

/**
 * The coffee shop: a day of customers, cashiers, baristas and burnt milk, run on Crema actors, ending
 * with a report whose numbers must add up. The README's first command runs it:
 * <pre>
 *   mvn -q -pl actor-examples -am compile exec:java
 *   mvn -q -pl actor-examples -am compile exec:java -Dexec.args="--help"
 *   mvn -q -pl actor-examples -am compile exec:java -Dexec.args="--deterministic --seed 42"
 * </pre>
 * The default day runs on real time, sped up; {@code --deterministic} runs it on a manual clock, so the same seed
 * gives the same report byte for byte (see {@link Shop}).
 * Who does what (each class's Javadoc says which library feature it shows):
 * <pre>
 *   Street --Arrival--> Door --ask(Order, patience)--> Cashier --Slip--> OrderQueue --Brew--> Barista x N
 *   (timer)           (rate limit)                   (bounded mailbox,  (batch receive,     (pool under the
 *                                                     registered)        retries, refunds)   "manager" supervisor)
 *                                                                                                  | Ready
 *   the customer's ask future <------ Served / Refunded / Sorry ---------------- PickupCounter <---+
 *   (Ledger: exactly one outcome each)                                           (registered)
 * </pre>
 * The exit status is 0 when the invariant and the other two checks hold, 1 when one does not, 2 for a
 * bad command line.
 */
public final class CoffeeShop {

    private CoffeeShop() {
    }

    public static void main(String[] args) throws Exception {
        int status = run(args, System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the program without exiting the JVM.
     *
     * @param args the command line
     * @param out  where the report goes; the live progress line is drawn only if this is a terminal
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("coffee-shop: " + e.getMessage() + " (try --help)");
            return 2;
        }
        if (options == null) {
            out.print(Options.usage());
            return 0;
        }
        boolean live = out == System.out && ProgressLine.isTerminal();
        Day day = Shop.run(options, live ? out : null);
        out.print(ShopReport.format(day));
        out.flush();
        return day.exitStatus();
    }
}
