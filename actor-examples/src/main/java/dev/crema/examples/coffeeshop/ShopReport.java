package dev.crema.examples.coffeeshop;

import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.ShutdownReport;
import dev.crema.examples.coffeeshop.DeadLetterAudit.Meaning;
import dev.crema.examples.coffeeshop.Ledger.Away;
import dev.crema.examples.coffeeshop.Ledger.Bucket;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Writes the day's report: customers, kitchen, waits, middleware timings, dead letters, shutdown, checks. */
final class ShopReport {

    private final StringBuilder out = new StringBuilder();

    private ShopReport() {
    }

    static String format(Day day) {
        ShopReport r = new ShopReport();
        r.header(day);
        r.customers(day);
        r.kitchen(day);
        r.middleware(day);
        r.deadLetters(day);
        r.checks(day);
        return r.out.toString();
    }

    private void header(Day d) {
        Options o = d.options();
        line("Crema coffee shop, seed %d: %d customers, about %s a minute; %d baristas, %s a brew, %s%% burn;",
                o.seed(), o.customers(), num(o.arrivalRate()), o.baristas(), time(o.brewTime()),
                num(Math.round(o.failureRate() * 1000) / 10.0));
        if (o.deterministic()) { // nothing that depends on the machine: the same seed, the same report
            line("patience %s; deterministic: a manual clock, one thread. The day lasted %s (simulated).",
                    time(o.patience()), time(d.closedAt()));
        } else {
            line("patience %s; speed-up %sx. The day lasted %s (simulated) in %.1f s.", time(o.patience()),
                    num(o.speedUp()), time(d.closedAt()), d.real().toMillis() / 1000.0);
        }
        line("The doors closed with %d orders in flight; %s", d.inFlightAtClosing(), d.closedInTime()
                ? "all were finished " + time(d.closingTook()) + " later."
                : "the closing deadline (" + time(o.closing()) + ") passed first: the rest were refunded.");
        if (!o.tillFreeze().isZero()) {
            line("The card reader hung once (--till-freeze): the cashier blocked a thread of the default dispatcher"
                    + " for %d ms of real time.", o.tillFreeze().toMillis());
        }
        line("");
    }

    private void customers(Day d) {
        Ledger l = d.ledger();
        long[] waits = l.sortedWaits();
        line("Customers");
        row("placed", d.placed(), "");
        row("served", d.count(Bucket.SERVED), waits.length == 0 ? "" : "waited p50 " + time(pct(waits, 50))
                + ", p95 " + time(pct(waits, 95)) + ", p99 " + time(pct(waits, 99)));
        row("turned away", d.count(Bucket.TURNED_AWAY), "at the door, over its rate limit"
                + (l.turnedAway(Away.DOOR_JAMMED) == 0 ? "" : "; door jammed " + l.turnedAway(Away.DOOR_JAMMED))
                + (l.turnedAway(Away.CLOSED) == 0 ? "" : "; after closing " + l.turnedAway(Away.CLOSED)));
        row("rejected", d.count(Bucket.REJECTED), "\"sorry, we're full\": line at the till full "
                + l.rejectedAtTill.sum() + ", order queue full " + l.rejectedQueueFull.sum());
        int retries = d.options().retryLimit();
        row("refunded", d.count(Bucket.REFUNDED), "burnt on the first brew and on " + retries + " retr"
                + (retries == 1 ? "y" : "ies") + (l.refundsAtClosing.sum() == 0 ? "" : ", or still open at closing"));
        row("gave up", d.count(Bucket.GAVE_UP), "left after " + time(d.options().patience()) + "; their orders became "
                + d.audit().count(Meaning.WASTED_DRINK) + " wasted drinks, " + d.audit().count(Meaning.UNCLAIMED_REFUND)
                + " unclaimed refunds, " + d.audit().count(Meaning.UNCLAIMED_APOLOGY) + " unheard apologies");
        if (d.count(Bucket.LOST) > 0 || l.settledTwice() > 0 || l.unsettled() > 0) {
            row("LOST", d.count(Bucket.LOST), "settled twice " + l.settledTwice() + ", never settled " + l.unsettled());
        }
        line("");
    }

    private void kitchen(Day d) {
        Ledger l = d.ledger();
        long brews = l.brews.sum();
        line("Kitchen");
        line("  %d brews, %d cups in all (%.2f identical drinks a brew, at most %d); %d burnt, %d orders retried,"
                        + " %d refunds issued%s",
                brews, l.cupsBrewed.sum(), brews == 0 ? 0.0 : (double) l.cupsBrewed.sum() / brews,
                d.options().maxBatch(), l.burntBrews.sum(), l.retries.sum(), l.refundsIssued.sum(),
                l.refundsAtClosing.sum() == 0 ? "" : " (" + l.refundsAtClosing.sum() + " at closing)");
        line("  %d wasted drinks: brewed for customers who had given up (drinks, not customers: outside the invariant)",
                d.audit().count(Meaning.WASTED_DRINK));
        StringJoiner perBarista = new StringJoiner(", ");
        d.restarts().forEach((id, n) -> perBarista.add(id + " " + n));
        line("  restarts by the manager: %s (%d in all)", perBarista, d.totalRestarts());
        if (d.managerGaveUp() != null) {
            line("  THE MANAGER GAVE UP: %s", d.managerGaveUp().getMessage());
        }
        line("");
    }

    private void middleware(Day d) {
        if (d.options().deterministic()) {
            line("Messages handled, per actor (the LatencyTimer interceptor; its times are real time, left out here)");
            line("  %-26s %9s %11s", "actor", "messages", "deliveries");
            d.handlers().forEach((actor, s) -> line("  %-26s %9d %11d", actor, s.messages(), s.deliveries()));
            line("");
            return;
        }
        line("Time in handlers, per actor (the LatencyTimer interceptor, real time)");
        line("  %-26s %9s %11s %9s %9s", "actor", "messages", "deliveries", "mean", "max");
        for (Map.Entry<String, LatencyTimer.Stats> e : d.handlers().entrySet()) {
            LatencyTimer.Stats s = e.getValue();
            line("  %-26s %9d %11d %9s %9s", e.getKey(), s.messages(), s.deliveries(),
                    micros(s.deliveries() == 0 ? 0 : s.totalNanos() / s.deliveries()), micros(s.maxNanos()));
        }
        line("");
    }

    private void deadLetters(Day d) {
        DeadLetterAudit a = d.audit();
        line("Dead letters, by reason (the library's counts, each explained by the audit)");
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            long n = d.deadLetters().getOrDefault(reason, 0L);
            if (reason.isTransport() && n == 0) {
                continue; // the shop runs in one process: no transport could have produced these
            }
            String why = switch (reason) {
                case LATE_REPLY -> a.count(Meaning.WASTED_DRINK) + " wasted drinks, " + a.count(Meaning.UNCLAIMED_REFUND)
                        + " unclaimed refunds, " + a.count(Meaning.UNCLAIMED_APOLOGY) + " unheard apologies";
                case FAILED -> a.count(Meaning.BURNT_BREW) + " burnt brews (the BrewDone each barista failed on)";
                case SHUTDOWN -> a.count(Meaning.LEFT_AT_DEADLINE) + " left in mailboxes at the shutdown deadline";
                default -> "none expected";
            };
            line("  %-12s %6d  %s", reason, n, why);
        }
        a.unexplained().forEach(dl -> line("  UNEXPLAINED: %s", dl));
        line("Lights out: %s", d.options().deterministic() ? withoutTime(d.shutdown()) : d.shutdown());
        line("");
    }

    private void checks(Day d) {
        line("invariant: placed %d = served %d + turned away %d + rejected %d + refunded %d + gave up %d -- %s",
                d.placed(), d.count(Bucket.SERVED), d.count(Bucket.TURNED_AWAY), d.count(Bucket.REJECTED),
                d.count(Bucket.REFUNDED), d.count(Bucket.GAVE_UP), ok(d.invariantHolds()));
        Ledger l = d.ledger();
        line("answers:   taken %d = drinks %d + refunds %d + apologies %d; late %d = gave up %d -- %s",
                l.ordersTaken.sum(), l.drinksHandedOut.sum(), l.refundsIssued.sum(), l.apologies.sum(),
                d.lateReplies(), d.count(Bucket.GAVE_UP), ok(d.everyOrderAnswered()));
        long total = d.deadLetters().values().stream().mapToLong(Long::longValue).sum();
        line("dead letters: %d, all explained -- %s", total, ok(d.deadLettersExplained()));
    }

    /** The shutdown report without how long it took (real time); the rest follows the seed. */
    private static String withoutTime(ShutdownReport r) {
        return "shutdown" + (r.withinDeadline() ? "" : " (deadline passed)") + ": " + r.actorsStoppedGracefully()
                + " actors stopped gracefully, " + r.actorsStoppedForcibly() + " forcibly; " + r.messagesDrained()
                + " messages drained, " + r.messagesDeadLettered() + " dead-lettered"
                + (r.unresponsive().isEmpty() ? "" : "; unresponsive " + r.unresponsive());
    }

    private void row(String label, long n, String detail) {
        line("  %-12s %6d  %s", label, n, detail);
    }

    private void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args).stripTrailing()).append('\n');
    }

    private static String ok(boolean ok) {
        return ok ? "ok" : "FAILED";
    }

    /** The p-th percentile (nearest rank) of sorted simulated waits. */
    static Duration pct(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
    }

    private static String time(Duration d) {
        return SimClock.format(d);
    }

    private static String micros(long nanos) {
        return nanos < 10_000 ? String.format(Locale.ROOT, "%.1f us", nanos / 1000.0)
                : String.format(Locale.ROOT, "%d us", nanos / 1000);
    }

    private static String num(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
