package dev.crema.examples.coffeeshop;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The shop's settings, from the command line ({@code --name value} or {@code --name=value}). Times are
 * simulated: {@code 90}, {@code 90s}, {@code 1500ms}, {@code 8m} or {@code 2h}; rates are per simulated
 * minute. Plain data, no actor.
 *
 * @param customers      how many customers come during the day
 * @param arrivalRate    customers per minute, on average; they come alone, in small groups, now and then by the busload
 * @param doorRate       customers per minute the door lets in (token bucket)
 * @param doorBurst      how many the door lets in at once when it has been quiet
 * @param baristas       pool size
 * @param brewTime       one drink; a batch of n identical drinks takes {@code 1 + (n-1)/4} times as long
 * @param maxBatch       the most identical drinks a barista brews at once
 * @param failureRate    chance that a brew burns (0 to 1)
 * @param patience       how long a customer waits for their drink; 0 = leaves right after ordering
 * @param retryLimit     how often a burnt order is brewed again before the customer gets a refund
 * @param cashierMailbox the cashier's mailbox: how many customers can wait at the till
 * @param queueCapacity  how many order slips may wait for a barista
 * @param maxRestarts    restarts the manager tolerates per simulated hour before giving up
 * @param speedUp        simulated seconds per real second
 * @param seed           drives arrivals, drink choice and burnt brews
 * @param duration       the latest a customer may arrive; zero = until all customers have come
 * @param closing        how long the staff may take to finish the orders in flight after the doors close
 * @param deterministic  run the day on a {@code ManualClock} instead of real time, on one thread, so the same seed
 *                       gives the same report byte for byte ({@code speedUp} then plays no part)
 * @param tillFreeze     the card reader hangs once, at the first order of the second half of the customers: the
 *                       cashier's handler blocks its thread this long, in real time (a blocking call on the default
 *                       dispatcher, as a slow payment API would be); zero = never. The starvation detector's
 *                       warning, and the JFR {@code Starvation} and {@code SlowTurn} events, show it
 */
record Options(int customers, double arrivalRate, double doorRate, int doorBurst, int baristas, Duration brewTime,
               int maxBatch, double failureRate, Duration patience, int retryLimit, int cashierMailbox,
               int queueCapacity, int maxRestarts, double speedUp, long seed, Duration duration, Duration closing,
               boolean deterministic, Duration tillFreeze) {

    /** The README's run: a six-hour day in about ten seconds, with every kind of trouble happening. */
    static Options defaults() {
        return new Options(3000, 8, 20, 15, 4, Duration.ofSeconds(60), 4, 0.1, Duration.ofMinutes(8), 1, 10, 30,
                100, 2000, 42, Duration.ZERO, Duration.ofMinutes(30), false, Duration.ZERO);
    }

    static final String USAGE = """
            usage: coffee-shop [options]     (times are simulated: 90, 90s, 1500ms, 8m, 2h; rates per minute)
              --customers N         customers in the day                                   [%d]
              --arrival-rate R      customers arriving per minute, on average              [%s]
              --door-rate R         customers per minute the door lets in (token bucket)   [%s]
              --door-burst N        the door's burst                                       [%d]
              --baristas N          baristas in the pool                                   [%d]
              --brew-time T         time to brew one drink                                 [%s]
              --max-batch N         identical drinks brewed together                       [%d]
              --failure-rate P      chance that a brew burns, 0..1                         [%s]
              --patience T          how long a customer waits; 0 = leaves after ordering    [%s]
              --retry-limit N       retries of a burnt order before a refund               [%d]
              --cashier-mailbox N   the cashier's bounded mailbox (the line at the till)   [%d]
              --queue-capacity N    order slips that may wait for a barista                [%d]
              --max-restarts N      restarts per hour before the manager gives up          [%d]
              --speed-up X          simulated seconds per real second                      [%s]
              --seed N              seed for arrivals, drinks and burnt brews              [%d]
              --duration T          latest arrival; 0 = until every customer has come      [%s]
              --closing T           time to finish orders in flight after closing          [%s]
              --deterministic       run on a manual clock: the same seed, the same report, byte for byte
              --till-freeze T       once, mid-day, the till blocks its thread for T of REAL time [%s]
              --help                this text
            """;

    static String usage() {
        Options d = defaults();
        return String.format(Locale.ROOT, USAGE, d.customers, num(d.arrivalRate), num(d.doorRate), d.doorBurst,
                d.baristas, time(d.brewTime), d.maxBatch, num(d.failureRate), time(d.patience), d.retryLimit,
                d.cashierMailbox, d.queueCapacity, d.maxRestarts, num(d.speedUp), d.seed, time(d.duration),
                time(d.closing), time(d.tillFreeze));
    }

    /**
     * Parses the command line over the defaults.
     *
     * @return the options, or {@code null} if {@code --help} was asked for
     * @throws IllegalArgumentException naming the option, for anything unknown, missing or out of range
     */
    static Options parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            if (arg.equals(DETERMINISTIC)) {
                given.put(arg, "true"); // a flag: it takes no value
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                given.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                given.put(arg, args[++i]);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
        }
        Options d = defaults();
        Options o = new Options(
                integer(given, "--customers", d.customers, 1, 10_000_000),
                decimal(given, "--arrival-rate", d.arrivalRate, MIN_POSITIVE, 1e6),
                decimal(given, "--door-rate", d.doorRate, MIN_POSITIVE, 1e6),
                integer(given, "--door-burst", d.doorBurst, 1, 1_000_000),
                integer(given, "--baristas", d.baristas, 1, 1000),
                duration(given, "--brew-time", d.brewTime, Duration.ofMillis(1)),
                integer(given, "--max-batch", d.maxBatch, 1, 1000),
                decimal(given, "--failure-rate", d.failureRate, 0, 1),
                duration(given, "--patience", d.patience, Duration.ZERO),
                integer(given, "--retry-limit", d.retryLimit, 0, 1000),
                integer(given, "--cashier-mailbox", d.cashierMailbox, 1, 1_000_000),
                integer(given, "--queue-capacity", d.queueCapacity, 1, 1_000_000),
                integer(given, "--max-restarts", d.maxRestarts, 0, Integer.MAX_VALUE),
                decimal(given, "--speed-up", d.speedUp, 1, 1_000_000),
                longValue(given, "--seed", d.seed),
                duration(given, "--duration", d.duration, Duration.ZERO),
                duration(given, "--closing", d.closing, Duration.ofMillis(1)),
                flag(given, DETERMINISTIC),
                duration(given, "--till-freeze", d.tillFreeze, Duration.ZERO));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown option '" + given.keySet().iterator().next() + "'");
        }
        return o;
    }

    private static final String DETERMINISTIC = "--deterministic";

    /** The smallest rate accepted where a rate must be positive. */
    private static final double MIN_POSITIVE = 1e-9;

    // Each reader takes its option out of the map, so whatever is left at the end is unknown. Every message
    // has one shape: "<option> must be <what>, got '<value>'".

    private static int integer(Map<String, String> given, String name, int otherwise, int min, int max) {
        String v = given.remove(name);
        if (v == null) {
            return otherwise;
        }
        String what = "a whole number from " + min + " to " + (max == Integer.MAX_VALUE ? "2147483647" : max);
        try {
            long n = Long.parseLong(v.strip());
            require(n >= min && n <= max, name, what, v);
            return (int) n;
        } catch (NumberFormatException e) {
            throw invalid(name, what, v);
        }
    }

    private static boolean flag(Map<String, String> given, String name) {
        String v = given.remove(name);
        if (v == null) {
            return false;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw invalid(name, "given alone, or as " + name + "=true or =false", v);
        }
        return Boolean.parseBoolean(v);
    }

    private static long longValue(Map<String, String> given, String name, long otherwise) {
        String v = given.remove(name);
        try {
            return v == null ? otherwise : Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw invalid(name, "a whole number", v);
        }
    }

    private static double decimal(Map<String, String> given, String name, double otherwise, double min, double max) {
        String v = given.remove(name);
        if (v == null) {
            return otherwise;
        }
        String what = min == MIN_POSITIVE ? "a positive number up to " + num(max)
                : "a number from " + num(min) + " to " + num(max);
        try {
            double x = Double.parseDouble(v.strip());
            require(Double.isFinite(x) && x >= min && x <= max, name, what, v);
            return x;
        } catch (NumberFormatException e) {
            throw invalid(name, what, v);
        }
    }

    private static Duration duration(Map<String, String> given, String name, Duration otherwise, Duration min) {
        String v = given.remove(name);
        return v == null ? otherwise : duration(name, v, min);
    }

    /** {@code 90}, {@code 90s}, {@code 1500ms}, {@code 8m}, {@code 2h}; a bare number is seconds. */
    static Duration duration(String name, String v, Duration min) {
        String what = "a time such as 90s, 1500ms, 8m or 2h" + (min.isZero() ? "" : ", at least " + min.toMillis() + "ms");
        String s = v.strip().toLowerCase(Locale.ROOT);
        double unitNanos = 1e9;
        if (s.endsWith("ms")) {
            unitNanos = 1e6;
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            unitNanos = 60e9;
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("h")) {
            unitNanos = 3600e9;
            s = s.substring(0, s.length() - 1);
        }
        double amount;
        try {
            amount = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw invalid(name, what, v);
        }
        require(Double.isFinite(amount) && amount >= 0 && amount * unitNanos < Long.MAX_VALUE / 2.0, name, what, v);
        Duration d = Duration.ofNanos((long) (amount * unitNanos));
        require(d.compareTo(min) >= 0, name, what, v);
        return d;
    }

    private static void require(boolean ok, String name, String what, String v) {
        if (!ok) {
            throw invalid(name, what, v);
        }
    }

    private static IllegalArgumentException invalid(String name, String what, String v) {
        return new IllegalArgumentException(name + " must be " + what + ", got '" + v + "'");
    }

    private static String num(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String time(Duration d) {
        long s = d.toSeconds();
        return s == 0 ? "0" : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
