package dev.crema.actor;

import static dev.crema.actor.TestSupport.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.actor.inspect.ActorSnapshot;
import dev.crema.actor.inspect.ActorStatus;
import dev.crema.actor.inspect.SystemSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** Issue 13, items 7 and 8: the snapshot API, and a Flight Recorder recording that shows every event kind. */
class ObservabilityTest {

    @Test
    void inspect_showsTheTree_withStatusMailboxAndCounters() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ActorSystem system = TestSupport.newSystem("observed", SystemConfig.defaults().withTurnTiming(true))) {
            Addr<String> parent = system.spawn("parent", ctx -> {
                ctx.spawn("fragile", String.class, c -> m -> {
                    throw new IllegalStateException(m);
                }, SpawnOptions.defaults().withDecider(Decider.restart()));
                return m -> { };
            });
            CountDownLatch blocking = new CountDownLatch(1);
            Addr<String> busy = system.spawn("busy", ctx -> m -> {
                blocking.countDown();
                TestSupport.block(release);
            }, TestSupport.BLOCKS.withMailbox(Mailbox.bounded(5)));
            busy.tell("block");
            // the counts below need "block" taken and in its handler (a started actor, one place held), not
            // still waiting for a thread in the mailbox
            TestSupport.await(blocking, "the busy actor to take its first message");
            awaitUntil("the parent has its child", () -> system.inspect().find("crema://observed/user/parent/fragile").isPresent());
            for (int i = 0; i < 3; i++) {
                busy.tell("queued-" + i);
            }
            for (int i = 0; i < 10; i++) {
                busy.tell("overflow-" + i); // 4 of the 5 places are taken by "block" and 3 queued: 1 more fits
            }
            awaitUntil("the busy actor's overflow is counted", () -> system.inspect().find("crema://observed/user/busy")
                    .map(a -> a.deadLetters().getOrDefault(DeadLetterReason.MAILBOX_FULL, 0L) == 9).orElse(false));
            SystemSnapshot snap = system.inspect();
            ActorSnapshot b = snap.find("crema://observed/user/busy").orElseThrow();
            assertThat(b.status()).isEqualTo(ActorStatus.RUNNING);
            assertThat(b.mailboxSize()).isEqualTo(4);
            assertThat(b.mailboxCapacity()).isEqualTo(5);
            assertThat(b.dispatcher()).isEqualTo("blocking");
            assertThat(snap.liveActors()).isEqualTo(3);
            assertThat(snap.topLevel()).extracting(ActorSnapshot::name).containsExactly("parent", "busy");
            String tree = snap.toTree();
            assertThat(tree).contains("├─ parent").contains("│  └─ fragile").contains("└─ busy")
                    .contains("3 actors, 4 messages queued, 9 dead letters");
            release.countDown();
        }
    }

    /** Each link spawns the next in its factory, down to the given depth. */
    private static ActorFactory<String> link(int left) {
        return ctx -> {
            if (left > 1) {
                ctx.spawn("a", String.class, link(left - 1));
            }
            return m -> { };
        };
    }

    @Test
    void inspect_toTreeAndActors_walkAChainThousandsDeep_onASmallStack() throws Exception {
        int depth = 3000;
        try (ActorSystem system = TestSupport.newSystem("deep")) {
            system.spawn("a", String.class, link(depth));
            awaitUntil("the whole chain", () -> system.inspect().liveActors() == depth);
            // a thread with a 128 KiB stack: a walk that recursed once per level overflowed it
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread small = new Thread(null, () -> {
                try {
                    SystemSnapshot snap = system.inspect();
                    outcome.set(new Object[] {snap.actors().count(), snap.toTree()});
                } catch (Throwable t) {
                    outcome.set(t);
                }
            }, "small-stack", 128 * 1024);
            small.start();
            small.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(outcome.get()).isInstanceOf(Object[].class);
            Object[] result = (Object[]) outcome.get();
            assertThat(result[0]).isEqualTo((long) depth);
            String tree = (String) result[1];
            assertThat(tree.lines().filter(l -> l.contains("└─ a ")).count()).isEqualTo(depth);
            assertThat(tree).contains(depth + " actors, 0 messages queued, 0 dead letters");
        }
    }

    @Test
    void inspect_countsFailuresRestartsAndMessagesTaken() throws Exception {
        try (ActorSystem system = TestSupport.newSystem("counted")) {
            Addr<String> a = system.spawn("fragile", ctx -> m -> {
                if (m.startsWith("crash")) {
                    throw new IllegalStateException(m);
                }
            }, SpawnOptions.defaults().withDecider(Decider.restart()));
            a.tell("ok");
            a.tell("crash-1");
            a.tell("ok");
            a.tell("crash-2");
            awaitUntil("both restarts are counted", () -> system.inspect().find(a.path())
                    .map(s -> s.restarts() == 2 && s.messagesTaken() == 4).orElse(false));
            ActorSnapshot s = system.inspect().find(a.path()).orElseThrow();
            assertThat(s.failures()).isEqualTo(2);
            assertThat(s.deadLetters()).containsEntry(DeadLetterReason.FAILED, 2L);
        }
    }

    @Test
    void aRecording_showsEveryCremaEventKind() throws Exception {
        Path file = Files.createTempFile("crema", ".jfr");
        Set<String> seen = new TreeSet<>();
        try (Recording recording = new Recording()) {
            for (String e : new String[] {"ActorFailed", "ActorRestarted", "ActorStopped", "DeadLetter", "MailboxFull",
                    "Starvation", "Shutdown"}) {
                recording.enable("dev.crema." + e);
            }
            recording.enable("dev.crema.SlowTurn").withThreshold(Duration.ofMillis(20));
            recording.enable("dev.crema.MailboxDepth").withPeriod(Duration.ofMillis(50));
            recording.start();
            CountDownLatch release = new CountDownLatch(1);
            ActorSystem system = ActorSystem.create("recorded", SystemConfig.defaults()
                    .withStarvationThreshold(Duration.ofMillis(100)).withDeadLetterLogLimit(0));
            try {
                Addr<String> fragile = system.spawn("fragile", ctx -> m -> {
                    throw new IllegalStateException(m);
                }, SpawnOptions.defaults().withDecider(Decider.restart()));
                fragile.tell("boom");                              // failed, restarted, dead letter (FAILED)
                Addr<String> slow = system.spawn("slow", ctx -> m -> TestSupport.block(release),
                        SpawnOptions.defaults().withMailbox(Mailbox.bounded(3))); // on DEFAULT: starves it
                for (int i = 0; i < 10; i++) {
                    slow.tell("m" + i);                            // a backlog to sample; mailbox full
                }
                awaitUntil("a starvation report and a depth sample", () -> {
                    try {
                        Path probe = Files.createTempFile("crema-probe", ".jfr");
                        recording.dump(probe);
                        boolean ok = RecordingFile.readAllEvents(probe).stream().map(ev -> ev.getEventType().getName())
                                .toList().containsAll(Set.of("dev.crema.Starvation", "dev.crema.MailboxDepth"));
                        Files.delete(probe);
                        return ok;
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, Duration.ofSeconds(30));
                release.countDown();                               // the slow turn ends, past 20 ms
            } finally {
                release.countDown();
                system.shutdown(Duration.ofSeconds(5));            // stopped actors, shutdown
            }
            recording.stop();
            recording.dump(file);
        }
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            seen.add(e.getEventType().getName());
            if (e.getEventType().getName().equals("dev.crema.ActorFailed")) {
                assertThat(e.getString("path")).isEqualTo("crema://recorded/user/fragile");
                assertThat(e.getString("exception")).isEqualTo("java.lang.IllegalStateException");
                assertThat(e.getString("directive")).isEqualTo("RESTART");
            }
        }
        Files.delete(file);
        assertThat(seen).containsExactlyInAnyOrder("dev.crema.ActorFailed", "dev.crema.ActorRestarted",
                "dev.crema.ActorStopped", "dev.crema.DeadLetter", "dev.crema.MailboxFull", "dev.crema.SlowTurn",
                "dev.crema.Starvation", "dev.crema.Shutdown", "dev.crema.MailboxDepth");
    }
}
