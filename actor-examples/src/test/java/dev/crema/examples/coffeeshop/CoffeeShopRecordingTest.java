package dev.crema.examples.coffeeshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.actor.DeadLetterReason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A JFR recording of one coffee-shop day shows every kind of Crema event, each where the story puts it. The
 * day is a short real-time one (300 customers at 400x, about 6 s) with burnt brews ({@code --failure-rate 0.3})
 * and one frozen till ({@code --till-freeze 3s}: the cashier's handler blocks its thread for 3 s, three times
 * the default starvation threshold, while customers keep coming). The recording has every {@code dev.crema.*}
 * event with its own defaults (slow turns past 20 ms), the mailbox depth sampled every 100 ms instead of every
 * second; it is dumped to {@code target/coffee-shop.jfr} (open it in JDK Mission Control, or
 * {@code jfr print --categories Crema}) and read back with {@link RecordingFile}.
 *
 * <p>Nothing here depends on how fast the machine is: the till is frozen for as long as it takes, and the
 * asserts are about which events exist and what they name, never about how many or how long.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CoffeeShopRecordingTest {

    private static final String USER = "crema://coffee-shop/user/";
    private static final List<String> KINDS = List.of("ActorFailed", "ActorRestarted", "ActorStopped", "DeadLetter",
            "MailboxFull", "SlowTurn", "Starvation", "Shutdown", "MailboxDepth");

    @Test
    void aRecordedDay_showsEveryCremaEventKind() throws Exception {
        Path file = Path.of("target", "coffee-shop.jfr");
        Files.createDirectories(file.getParent());
        Day day;
        try (Recording recording = new Recording()) {
            recording.setName("coffee-shop");
            for (String kind : KINDS) {
                recording.enable("dev.crema." + kind); // with the event's own threshold (SlowTurn: 20 ms)
            }
            recording.enable("dev.crema.MailboxDepth").withPeriod(Duration.ofMillis(100));
            recording.start();
            // checks the day's own invariants too: every customer accounted for, every dead letter explained
            day = CoffeeShopTest.day("--customers 300 --speed-up 400 --failure-rate 0.3 --till-freeze 3s --seed 11");
            recording.stop();
            recording.dump(file);
        }

        Map<String, List<RecordedEvent>> byKind = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.crema."))
                .collect(Collectors.groupingBy(e -> e.getEventType().getName().substring("dev.crema.".length())));
        assertThat(byKind).as("event kinds in %s", file).containsKeys(KINDS.toArray(String[]::new));

        // burnt brews: a barista fails, its parent restarts it, the message it failed on is dead-lettered
        assertThat(byKind.get("ActorFailed")).anySatisfy(e -> {
            assertThat(e.getString("path")).startsWith(USER + "manager/barista");
            assertThat(e.getString("exception")).isEqualTo(Barista.Burnt.class.getName());
            assertThat(e.getString("message")).isEqualTo(Barista.BrewDone.class.getName());
            assertThat(e.getString("directive")).isEqualTo("RESTART");
        });
        assertThat(byKind.get("ActorRestarted")).hasSizeGreaterThanOrEqualTo((int) day.totalRestarts())
                .allSatisfy(e -> {
                    assertThat(e.getString("path")).startsWith(USER + "manager/barista");
                    assertThat(e.getString("cause")).isEqualTo(Barista.Burnt.class.getName());
                });
        assertThat(day.totalRestarts()).isPositive();
        List<RecordedEvent> dead = byKind.get("DeadLetter");
        assertThat(dead).anySatisfy(e -> {
            assertThat(e.getString("reason")).isEqualTo(DeadLetterReason.FAILED.name());
            assertThat(e.getString("recipient")).startsWith(USER + "manager/barista");
            assertThat(e.getLong("count")).isPositive();
        });
        // customers who gave up in the frozen line: their drink, refund or apology came too late
        assertThat(dead).anySatisfy(e -> {
            assertThat(e.getString("reason")).isEqualTo(DeadLetterReason.LATE_REPLY.name());
            assertThat(e.getString("messageType")).startsWith(Outcome.class.getName());
        });
        assertThat(dead.stream().filter(reason(DeadLetterReason.LATE_REPLY)).mapToLong(e -> e.getLong("count")).sum())
                .isEqualTo(day.lateReplies());

        // the frozen till: a slow turn, a starved thread, a full line at the till, a deep mailbox
        assertThat(byKind.get("SlowTurn")).anySatisfy(e -> {
            assertThat(e.getString("path")).isEqualTo(USER + "cashier");
            assertThat(e.getString("dispatcher")).isNotBlank();
            assertThat(e.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
        });
        assertThat(byKind.get("Starvation")).anySatisfy(e -> {
            assertThat(e.getString("path")).isEqualTo(USER + "cashier");
            assertThat(e.getString("thread")).isNotBlank();
            assertThat(Duration.ofNanos(e.getLong("runningNanos"))).as("at least the threshold")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        });
        assertThat(byKind.get("MailboxFull")).anySatisfy(e -> {
            assertThat(e.getString("path")).isEqualTo(USER + "cashier");
            assertThat(e.getInt("capacity")).isEqualTo(day.options().cashierMailbox());
        });
        assertThat(day.ledger().rejectedAtTill.sum()).as("refused at the full till").isPositive();
        assertThat(ShopReport.format(day)).contains("The card reader hung once (--till-freeze): the cashier blocked a "
                + "thread of the default dispatcher for 3000 ms of real time.");
        assertThat(byKind.get("MailboxDepth")).anySatisfy(e -> {
            assertThat(e.getString("path")).isEqualTo(USER + "cashier");
            assertThat(e.getLong("queued")).isPositive();
            assertThat(e.getInt("capacity")).isEqualTo(day.options().cashierMailbox());
        });

        // closing: every actor of the shop stopped, gracefully, and the shutdown's figures
        assertThat(byKind.get("ActorStopped")).extracting(e -> e.getString("path"))
                .contains(USER + "street", USER + "door", USER + "cashier", USER + "manager", USER + "order-queue",
                        USER + "pickup-counter");
        assertThat(byKind.get("ActorStopped")).filteredOn(e -> e.getString("path").startsWith(USER))
                .allSatisfy(e -> assertThat(e.getBoolean("forced")).isFalse());
        assertThat(byKind.get("Shutdown")).anySatisfy(e -> {
            assertThat(e.getString("system")).isEqualTo("coffee-shop");
            assertThat(e.getLong("stoppedGracefully")).isEqualTo(day.shutdown().actorsStoppedGracefully()).isPositive();
            assertThat(e.getLong("stoppedForcibly")).isZero();
            assertThat(e.getBoolean("withinDeadline")).isTrue();
        });
    }

    private static Predicate<RecordedEvent> reason(DeadLetterReason r) {
        return e -> r.name().equals(e.getString("reason"));
    }
}
