package dev.crema.examples.coffeeshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.actor.DeadLetterReason;
import dev.crema.examples.coffeeshop.DeadLetterAudit.Meaning;
import dev.crema.examples.coffeeshop.Ledger.Bucket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Short simulated days (a few hundred customers at 5000x) across seeds and settings. Timing differs from
 * run to run, so the tests assert what must hold whatever the timing: the invariant, every order answered,
 * every dead letter explained, and that faults happened when they were configured. Never exact counts.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CoffeeShopTest {

    private static final String SHORT_DAY = "--customers 300 --speed-up 5000 ";

    static Day day(String args) throws Exception {
        Day day = Shop.run(Options.parse(args.strip().split("\\s+")), null);
        String report = ShopReport.format(day);
        assertThat(day.invariantHolds()).as("invariant\n%s", report).isTrue();
        assertThat(day.everyOrderAnswered()).as("every order answered\n%s", report).isTrue();
        assertThat(day.deadLettersExplained()).as("dead letters explained\n%s", report).isTrue();
        assertThat(day.exitStatus()).isZero();
        if (day.options().duration().isZero()) {
            assertThat(day.placed()).isEqualTo(day.options().customers());
        }
        assertThat(report).contains("invariant: placed " + day.placed() + " = served ", " -- ok");
        return day;
    }

    /** Nothing is dead-lettered silently: each reason's count is the shop event it stands for. */
    static void assertDeadLettersAccountedFor(Day day) {
        DeadLetterAudit audit = day.audit();
        assertThat(day.deadLetters().get(DeadLetterReason.MAILBOX_FULL)).isZero();
        assertThat(day.deadLetters().get(DeadLetterReason.STOPPED)).isZero();
        assertThat(day.deadLetters().get(DeadLetterReason.SHUTDOWN)).as("graceful closing").isZero();
        assertThat(day.lateReplies()).isEqualTo(day.count(Bucket.GAVE_UP)).isEqualTo(audit.count(Meaning.WASTED_DRINK)
                + audit.count(Meaning.UNCLAIMED_REFUND) + audit.count(Meaning.UNCLAIMED_APOLOGY));
        assertThat(day.deadLetters().get(DeadLetterReason.FAILED)).isEqualTo(audit.count(Meaning.BURNT_BREW));
        assertThat(day.shutdown().actorsStoppedForcibly()).isZero();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void defaultSettings_severalSeeds(long seed) throws Exception {
        Day day = day(SHORT_DAY + "--seed " + seed);

        assertDeadLettersAccountedFor(day);
        assertThat(day.closedInTime()).isTrue();
        assertThat(day.count(Bucket.SERVED)).isPositive();
    }

    @Test
    void noFailures_noRestartsNoRetriesNoFailedLetters() throws Exception {
        Day day = day(SHORT_DAY + "--failure-rate 0 --seed 4");

        assertDeadLettersAccountedFor(day);
        assertThat(day.totalRestarts()).isZero();
        assertThat(day.ledger().retries.sum()).isZero();
        assertThat(day.count(Bucket.REFUNDED)).isZero();
        assertThat(day.deadLetters().get(DeadLetterReason.FAILED)).isZero();
    }

    @Test
    void heavyFailures_restartEveryBurntBaristaAndRetryItsOrders() throws Exception {
        Day day = day(SHORT_DAY + "--failure-rate 0.5 --retry-limit 3 --max-restarts 100000 --seed 5");

        assertDeadLettersAccountedFor(day);
        assertThat(day.managerGaveUp()).isNull();
        assertThat(day.totalRestarts()).isPositive()
                .as("one restart per burnt brew").isEqualTo(day.ledger().burntBrews.sum())
                .isEqualTo(day.deadLetters().get(DeadLetterReason.FAILED));
        assertThat(day.ledger().retries.sum()).isPositive();
        assertThat(day.restarts()).hasSize(4);
    }

    @Test
    void managerGivesUp_everyCustomerIsStillAccountedFor() throws Exception {
        Day day = day(SHORT_DAY + "--failure-rate 0.5 --max-restarts 3 --seed 6");

        assertDeadLettersAccountedFor(day);
        assertThat(day.managerGaveUp()).as("more than 3 restarts an hour").isNotNull();
        assertThat(day.closedInTime()).as("nobody brews once the manager has given up").isFalse();
        assertThat(day.ledger().refundsAtClosing.sum()).as("orders left on the rail are refunded at closing")
                .isPositive();
    }

    @Test
    void tinyMailboxes_sayNoEarly() throws Exception {
        Day day = day(SHORT_DAY + "--cashier-mailbox 1 --queue-capacity 1 --seed 7");

        assertDeadLettersAccountedFor(day);
        assertThat(day.count(Bucket.REJECTED)).isPositive()
                .isEqualTo(day.ledger().rejectedAtTill.sum() + day.ledger().rejectedQueueFull.sum());
    }

    @Test
    void zeroPatience_everyBrewedDrinkIsWastedNotLost() throws Exception {
        Day day = day(SHORT_DAY + "--patience 0 --seed 8");

        assertDeadLettersAccountedFor(day);
        assertThat(day.count(Bucket.SERVED)).isZero();
        assertThat(day.count(Bucket.GAVE_UP)).isPositive();
        assertThat(day.audit().count(Meaning.WASTED_DRINK)).isPositive()
                .isEqualTo(day.ledger().drinksHandedOut.sum());
    }

    @Test
    void duration_closesTheDoorAtTheLatestArrivalTime() throws Exception {
        Day day = day(SHORT_DAY + "--duration 10m --seed 10");

        assertDeadLettersAccountedFor(day);
        assertThat(day.placed()).as("8 a minute for 10 minutes, not 300").isBetween(1L, 299L);
        assertThat(day.closedAt()).isGreaterThanOrEqualTo(java.time.Duration.ofMinutes(10));
    }

    @Test
    void sameSeed_sameArrivalsAndSameDoor() throws Exception {
        Day a = day(SHORT_DAY + "--seed 9");
        Day b = day(SHORT_DAY + "--seed 9");

        assertThat(a.count(Bucket.TURNED_AWAY)).as("the door decides on simulated arrival times")
                .isEqualTo(b.count(Bucket.TURNED_AWAY));
        assertThat(a.ledger().asked.sum()).isEqualTo(b.ledger().asked.sum());
    }
}
