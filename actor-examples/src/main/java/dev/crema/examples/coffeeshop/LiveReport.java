package dev.crema.examples.coffeeshop;

/**
 * How a live shop's day ended, from {@link LiveShop#closeAsync()}: the report the command-line shop prints, and
 * its checks. Immutable and thread-safe.
 *
 * @param text      the whole report, as {@code CoffeeShop} prints it
 * @param invariant its invariant line ({@code invariant: placed N = served ... -- ok})
 * @param ok        whether the invariant and the other two checks hold (the command line's exit status 0)
 * @param last      the shop's numbers after the lights went out
 */
public record LiveReport(String text, String invariant, boolean ok, LiveCounters last) {

    static LiveReport of(Day day, LiveCounters last) {
        String text = ShopReport.format(day);
        String invariant = text.lines().filter(l -> l.startsWith("invariant:")).findFirst().orElse("");
        return new LiveReport(text, invariant, day.exitStatus() == 0, last);
    }
}
