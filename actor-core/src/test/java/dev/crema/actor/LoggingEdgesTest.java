package dev.crema.actor;

import static dev.crema.actor.TestSupport.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 4 and the overflow warning of item 5: errors never vanish (no SLF4J provider: standard
 * error), a failure is one log line, and the first overflow of each actor's mailbox is impossible to miss.
 */
class LoggingEdgesTest {

    @Test
    void withNoSlf4jProvider_failuresAndRestarts_areWrittenToStandardError_withAHintOnce() throws Exception {
        List<String> path = new ArrayList<>();
        for (String prop : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(prop);
            if (value != null && !value.isBlank()) {
                for (String entry : value.split(File.pathSeparator)) {
                    if (!entry.contains("logback")) { // no provider at all
                        path.add(entry);
                    }
                }
            }
        }
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process child = new ProcessBuilder(java, "-cp", String.join(File.pathSeparator, path),
                NoBackendMain.class.getName()).start();
        String err;
        String out;
        try {
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM exits").isTrue();
            err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            child.destroyForcibly();
        }
        assertThat(out).contains("done");
        assertThat(err).as(err).contains("Crema: no SLF4J provider was found")
                .contains("WARN  [").contains("crema://nobackend/user/fragile failed on #1; restarting it")
                .contains("failed on #3").contains("java.lang.IllegalStateException: boom #2");
        assertThat(err.split("Crema: no SLF4J provider", -1)).as("the hint is given once").hasSize(2);
    }

    @Test
    void aFailure_isOneLogLine_namingTheMessage_notADeadLetterLineAndAFailureLine() throws Exception {
        try (ActorSystem system = TestSupport.newSystem("oneline");
             TestSupport.LogCapture log = new TestSupport.LogCapture()) {
            Addr<String> a = system.spawn("fragile", ctx -> m -> {
                throw new IllegalStateException("boom");
            }, SpawnOptions.defaults().withDecider(Decider.restart()));
            a.tell("bad order");
            awaitUntil("the failure is logged", () -> !log.lines(l -> l.contains("failed on bad order")).isEmpty());
            assertThat(log.lines(l -> l.contains("dev.crema.actor.DeadLetters"))).as("no separate dead-letter line")
                    .isEmpty();
            assertThat(log.lines(l -> l.contains("crema://oneline/user/fragile failed"))).hasSize(1);
            assertThat(system.deadLetters().count(DeadLetterReason.FAILED)).as("still counted").isEqualTo(1);
        }
    }

    @Test
    void firstOverflowOfEachActor_isLoggedOnce_withTheCapacityAndTheWaysOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ActorSystem system = TestSupport.newSystem("flood");
             TestSupport.LogCapture log = new TestSupport.LogCapture()) {
            Addr<Integer> a = system.spawn("slow", ctx -> m -> TestSupport.block(release),
                    TestSupport.BLOCKS.withMailbox(Mailbox.bounded(10)));
            Addr<Integer> b = system.spawn("slower", ctx -> m -> TestSupport.block(release),
                    TestSupport.BLOCKS.withMailbox(Mailbox.bounded(10)));
            for (int i = 0; i < 1_000; i++) {
                a.tell(i);
                b.tell(i);
            }
            release.countDown();
            List<String> told = log.lines(l -> l.contains("has a full mailbox"));
            assertThat(told).hasSize(2);
            assertThat(told.get(0)).contains("(capacity 10)").contains("send(message, timeout)").contains("trySend")
                    .contains("Mailbox.unbounded()");
            assertThat(system.deadLetters().count(DeadLetterReason.MAILBOX_FULL)).isGreaterThanOrEqualTo(2 * 989);
        }
    }
}
