package dev.crema.examples.coffeeshop;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The soak test: busy coffee-shop days back to back (high load, heavy failures), each with a new seed,
 * for a number of minutes or days. After every day it checks the day's three checks (the invariant,
 * every order answered, every dead letter explained) and measures the heap after a full GC; at the end it
 * checks that the heap came back to where it started (no leak across days). Not part of CI:
 * <pre>
 *   mvn -q -pl actor-examples -am compile exec:java -Dexec.mainClass=dev.crema.examples.coffeeshop.Soak
 *   mvn -q -pl actor-examples -am compile exec:java -Dexec.mainClass=dev.crema.examples.coffeeshop.Soak \
 *       -Dexec.args="--minutes 30 --failure-rate 0.4"
 * </pre>
 * Options: {@code --minutes M} (default 10) or {@code --days N}; any other option is passed to every
 * day (see the shop's {@code --help}), over these soak defaults: 6000 customers arriving at 16 a minute
 * (twice the shop's default rate), 6 baristas, 25 % burnt brews, speed-up 4000 (a day takes about 6 s). Exit status 0 when every day passed and the heap
 * is stable, 1 otherwise, 2 for a bad command line.
 */
public final class Soak {

    /** The heap after the last day may exceed the first day's by this much before it counts as growth. */
    private static final long HEAP_SLACK_BYTES = 32L << 20;

    private static final String[] DEFAULTS = {"--customers", "6000", "--arrival-rate", "16", "--baristas", "6",
        "--failure-rate", "0.25", "--speed-up", "4000", "--max-restarts", "100000"};

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        int status = run(args, System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the soak without exiting the JVM.
     *
     * @param args the command line
     * @param out  where the per-day lines and the verdict go
     * @return the exit status
     */
    public static int run(String[] args, PrintStream out) throws Exception {
        double minutes = 10;
        int days = -1;
        List<String> shopArgs = new ArrayList<>(List.of(DEFAULTS));
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--minutes") && i + 1 < args.length) {
                    minutes = Double.parseDouble(args[++i]);
                } else if (args[i].equals("--days") && i + 1 < args.length) {
                    days = Integer.parseInt(args[++i]);
                } else {
                    shopArgs.add(args[i]);
                }
            }
            Options.parse(shopArgs.toArray(String[]::new)); // fail fast on a bad shop option
        } catch (IllegalArgumentException e) {
            out.println("soak: " + e.getMessage());
            return 2;
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long deadline = System.nanoTime() + (long) (minutes * 60e9);
        long firstHeap = -1;
        long lastHeap = -1;
        long maxHeap = 0;
        int failed = 0;
        long customers = 0;
        long restarts = 0;
        int day = 0;
        while (days >= 0 ? day < days : System.nanoTime() < deadline) {
            List<String> dayArgs = new ArrayList<>(shopArgs);
            dayArgs.add("--seed");
            dayArgs.add(Long.toString(1000L + day));
            Day result = Shop.run(Options.parse(dayArgs.toArray(String[]::new)), null);
            boolean ok = result.exitStatus() == 0;
            failed += ok ? 0 : 1;
            customers += result.placed();
            restarts += result.totalRestarts();
            long heap = heapAfterGc(memory);
            firstHeap = firstHeap < 0 ? heap : firstHeap;
            lastHeap = heap;
            maxHeap = Math.max(maxHeap, heap);
            out.printf(Locale.ROOT, "day %3d  seed %d  %6d customers  %5d restarts  heap after GC %6.1f MB  %s%n",
                    day + 1, 1000L + day, result.placed(), result.totalRestarts(), heap / 1048576.0,
                    ok ? "ok" : "FAILED");
            if (!ok) {
                out.print(ShopReport.format(result));
            }
            day++;
        }
        boolean heapStable = day == 0 || lastHeap <= firstHeap + HEAP_SLACK_BYTES;
        out.printf(Locale.ROOT, "soak: %d days, %d customers, %d restarts; %d days failed their checks; heap after GC "
                        + "first %.1f MB, last %.1f MB, max %.1f MB -- %s%n", day, customers, restarts, failed,
                firstHeap / 1048576.0, lastHeap / 1048576.0, maxHeap / 1048576.0,
                failed == 0 && heapStable ? "ok" : heapStable ? "FAILED" : "FAILED (the heap grew)");
        return failed == 0 && heapStable ? 0 : 1;
    }

    private static long heapAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
