package dev.crema.actor;

import static dev.crema.actor.TestSupport.await;
import static dev.crema.actor.TestSupport.awaitTerminated;
import static dev.crema.actor.TestSupport.awaitUntil;
import static dev.crema.actor.TestSupport.block;
import static dev.crema.actor.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec point 9: every undeliverable message, with a reason, counted, subscribable, logged with a limit. */
class DeadLettersTest {

    record Ping(Addr<String> replyTo) {
    }

    private ActorSystem system;
    private final List<DeadLetter> letters = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        system = TestSupport.newSystem("dl");
        system.deadLetters().subscribe(letters::add);
    }

    @AfterEach
    void stop() {
        system.shutdown(TestSupport.SHUTDOWN);
    }

    private Addr<String> stoppedActor(String name) throws Exception {
        Addr<String> a = system.spawn(name, ctx -> msg -> { });
        system.stop(a);
        awaitTerminated(system, a);
        return a;
    }

    @Test
    void mailboxFull_isAReason() {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Addr<String> a = system.spawn("full", ctx -> msg -> {
            started.countDown();
            block(gate);
        }, TestSupport.BLOCKS.withMailbox(Mailbox.bounded(1)));
        a.tell("block");
        await(started, "the actor to block");
        a.tell("overflow");
        gate.countDown();
        assertThat(letters).containsExactly(new DeadLetter(a.path(), "overflow", DeadLetterReason.MAILBOX_FULL, null));
        assertThat(system.deadLetters().count(DeadLetterReason.MAILBOX_FULL)).isEqualTo(1);
    }

    @Test
    void stopped_isAReason() throws Exception {
        Addr<String> a = stoppedActor("gone");
        a.tell("hello");
        assertThat(letters).containsExactly(new DeadLetter(a.path(), "hello", DeadLetterReason.STOPPED, null));
        assertThat(system.deadLetters().count(DeadLetterReason.STOPPED)).isEqualTo(1);
    }

    @Test
    void shutdown_isAReason() {
        Addr<String> a = system.spawn("a", ctx -> msg -> { });
        system.shutdown(TestSupport.SHUTDOWN);
        a.tell("after shutdown");
        assertThat(letters).containsExactly(
                new DeadLetter(a.path(), "after shutdown", DeadLetterReason.SHUTDOWN, null));
        assertThat(system.deadLetters().count(DeadLetterReason.SHUTDOWN)).isEqualTo(1);
    }

    @Test
    void lateReply_isAReason() throws Exception {
        CountDownLatch replied = new CountDownLatch(1);
        Addr<Ping> twice = system.spawn("twice", ctx -> p -> {
            p.replyTo().tell("one");
            p.replyTo().tell("two");
            replied.countDown();
        });
        get(twice.<String>ask(Ping::new, TestSupport.WAIT));
        await(replied, "the replies");
        assertThat(letters).singleElement().satisfies(dl -> {
            assertThat(dl.reason()).isEqualTo(DeadLetterReason.LATE_REPLY);
            assertThat(dl.message()).isEqualTo("two");
            assertThat(dl.recipient()).contains("crema://dl/user/twice");
        });
        assertThat(system.deadLetters().count(DeadLetterReason.LATE_REPLY)).isEqualTo(1);
    }

    @Test
    void failed_isAReason_andCarriesTheCause() throws Exception {
        Addr<String> a = system.spawn("fails", ctx -> msg -> {
            throw new IllegalStateException("cause of death");
        });
        a.tell("poison");
        awaitTerminated(system, a);
        assertThat(letters).singleElement().satisfies(dl -> {
            assertThat(dl.reason()).isEqualTo(DeadLetterReason.FAILED);
            assertThat(dl.message()).isEqualTo("poison");
            assertThat(dl.recipient()).isEqualTo(a.path());
            assertThat(dl.cause()).hasMessage("cause of death");
        });
        assertThat(system.deadLetters().count(DeadLetterReason.FAILED)).isEqualTo(1);
    }

    @Test
    void counts_haveOneEntryPerReason_zerosIncluded_andAddUpToTheTotal() throws Exception {
        Addr<String> a = stoppedActor("gone");
        for (int i = 0; i < 7; i++) {
            a.tell("m" + i);
        }
        Map<DeadLetterReason, Long> counts = system.deadLetters().counts();
        assertThat(counts).containsOnlyKeys(DeadLetterReason.values());
        assertThat(counts.get(DeadLetterReason.STOPPED)).isEqualTo(7);
        assertThat(counts.get(DeadLetterReason.FAILED)).isZero();
        assertThat(system.deadLetters().total()).isEqualTo(7).isEqualTo(letters.size());
    }

    @Test
    void closedSubscription_getsNothingMore_andClosingTwiceIsHarmless() throws Exception {
        List<DeadLetter> mine = Collections.synchronizedList(new ArrayList<>());
        DeadLetters.Subscription sub = system.deadLetters().subscribe(mine::add);
        Addr<String> a = stoppedActor("gone");
        a.tell("seen");
        sub.close();
        a.tell("not seen");
        assertThatCode(sub::close).doesNotThrowAnyException();
        assertThat(mine).extracting(DeadLetter::message).containsExactly("seen");
        assertThat(letters).extracting(DeadLetter::message).containsExactly("seen", "not seen");
    }

    @Test
    void subscriberThatThrows_isLogged_andStaysSubscribed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        system.deadLetters().subscribe(dl -> {
            calls.incrementAndGet();
            throw new IllegalStateException("subscriber bug");
        });
        Addr<String> a = stoppedActor("gone");
        try (TestSupport.LogCapture log = new TestSupport.LogCapture()) {
            a.tell("one");
            a.tell("two");
            assertThat(log.text()).contains("subscriber bug");
        }
        assertThat(calls.get()).isEqualTo(2);
        assertThat(letters).hasSize(2);
    }

    /** Dead letters of one system as they appear in the log: individual WARN lines and summary counts. */
    private record LoggedDeadLetters(int individual, long summarised) {
        static final Pattern SUMMARY = Pattern.compile("(\\d+) more dead letters");

        static LoggedDeadLetters of(TestSupport.LogCapture log, String systemName) {
            int individual = log.lines(l -> l.contains(" WARN ") && l.contains("DeadLetter[")
                    && l.contains("crema://" + systemName + "/")).size();
            long summarised = 0;
            for (String line : log.lines(l -> l.contains(" WARN ") && l.contains("more dead letters"))) {
                Matcher m = SUMMARY.matcher(line);
                if (m.find()) {
                    summarised += Long.parseLong(m.group(1));
                }
            }
            return new LoggedDeadLetters(individual, summarised);
        }
    }

    @Test
    void deadLetters_areLoggedAtWarn_upToTheLimit_andTheRestAreSummarised() throws Exception {
        try (TestSupport.LogCapture log = new TestSupport.LogCapture()) {
            long total;
            try (ActorSystem limited = TestSupport.newSystem("limit3",
                    SystemConfig.defaults().withDeadLetterLogLimit(3))) {
                Addr<String> a = limited.spawn("gone", ctx -> msg -> { });
                limited.stop(a);
                awaitTerminated(limited, a);
                for (int i = 0; i < 50; i++) {
                    a.tell("m" + i);
                }
                total = limited.deadLetters().total();
            } // shutdown flushes the summary of the current window
            assertThat(total).isEqualTo(50);
            LoggedDeadLetters logged = LoggedDeadLetters.of(log, "limit3");
            assertThat(logged.individual()).isGreaterThanOrEqualTo(3);
            assertThat(logged.individual() + logged.summarised())
                    .as("each dead letter logged once or counted in a summary").isEqualTo(total);
        }
    }

    @Test
    void deadLetterLogLimitZero_logsOnlySummaries() throws Exception {
        try (TestSupport.LogCapture log = new TestSupport.LogCapture()) {
            try (ActorSystem quiet = TestSupport.newSystem("limit0",
                    SystemConfig.defaults().withDeadLetterLogLimit(0))) {
                Addr<String> a = quiet.spawn("gone", ctx -> msg -> { });
                quiet.stop(a);
                awaitTerminated(quiet, a);
                for (int i = 0; i < 20; i++) {
                    a.tell("m" + i);
                }
                assertThat(quiet.deadLetters().total()).isEqualTo(20);
            }
            LoggedDeadLetters logged = LoggedDeadLetters.of(log, "limit0");
            assertThat(logged.individual()).isZero();
            assertThat(logged.summarised()).isEqualTo(20);
        }
    }

    @Test
    void deadLetters_areCountedPerSystem() throws Exception {
        try (ActorSystem other = TestSupport.newSystem("other")) {
            Addr<String> a = other.spawn("gone", ctx -> msg -> { });
            other.stop(a);
            awaitTerminated(other, a);
            a.tell("x");
            awaitUntil("the other system's count", () -> other.deadLetters().total() == 1);
        }
        assertThat(system.deadLetters().total()).isZero();
        assertThat(letters).isEmpty();
    }
}
