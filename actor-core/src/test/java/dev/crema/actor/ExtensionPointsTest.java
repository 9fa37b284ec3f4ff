package dev.crema.actor;

import static dev.crema.actor.TestSupport.WAIT;
import static dev.crema.actor.TestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The points where modules outside actor-core (a transport to another process, say) plug in: publishing
 * dead letters, taking part in shutdown, and addresses of other processes that can be watched.
 */
class ExtensionPointsTest {

    private final ActorSystem system = TestSupport.newSystem("ext");

    @AfterEach
    void shutdown() {
        system.shutdown(TestSupport.SHUTDOWN);
    }

    // ------------------------------------------------------------------ dead letters from outside

    @Test
    void publishedDeadLetter_isCountedAndSeenBySubscribers_likeTheRuntimesOwn() {
        try (TestSupport.DeadLetterRecorder dead = new TestSupport.DeadLetterRecorder(system)) {
            system.deadLetters().publish(new DeadLetter("amqp://broker/queue", "payload", DeadLetterReason.UNROUTABLE, null));
            assertThat(system.deadLetters().count(DeadLetterReason.UNROUTABLE)).isEqualTo(1);
            assertThat(dead.messages(DeadLetterReason.UNROUTABLE)).containsExactly("payload");
        }
    }

    @Test
    void publish_null_isRefused() {
        assertThatThrownBy(() -> system.deadLetters().publish(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("dead letter");
    }

    @Test
    void transportReasons_areTold_apartFromTheRuntimes() {
        assertThat(DeadLetterReason.values()).filteredOn(DeadLetterReason::isTransport).containsExactly(
                DeadLetterReason.UNDECODABLE, DeadLetterReason.UNROUTABLE, DeadLetterReason.REFUSED_BY_BROKER,
                DeadLetterReason.CONNECTION_LOST);
    }

    // ------------------------------------------------------------------ shutdown participants

    /** Records the order of its calls into a shared list. */
    private record Recorder(String name, List<String> calls, boolean failClose) implements ShutdownParticipant {
        @Override
        public void stopIntake(Duration budget) {
            calls.add(name + ".stopIntake");
        }

        @Override
        public String close(Duration budget) {
            calls.add(name + ".close");
            if (failClose) {
                throw new IllegalStateException("broker gone");
            }
            return "2 consumers cancelled";
        }
    }

    @Test
    void participants_stopTheirIntakeBeforeAnyActorStops_andCloseAfterAll_inTheOrderAdded() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        system.spawn("worker", ctx -> new Actor<Object>() {
            @Override
            public void receive(Object m) {
            }

            @Override
            public void postStop() {
                calls.add("worker.postStop");
            }
        });
        system.addShutdownParticipant(new Recorder("a", calls, false));
        system.addShutdownParticipant(new Recorder("b", calls, true));
        ShutdownReport report = system.shutdown(Duration.ofSeconds(5));
        assertThat(calls).containsExactly("a.stopIntake", "b.stopIntake", "worker.postStop", "a.close", "b.close");
        assertThat(report.participants()).containsExactly("a: 2 consumers cancelled",
                "b: failed to close (java.lang.IllegalStateException: broker gone)");
        assertThat(report.toString()).contains("a: 2 consumers cancelled");
    }

    @Test
    void removedParticipant_takesNoPart() {
        List<String> calls = new CopyOnWriteArrayList<>();
        Recorder r = new Recorder("a", calls, false);
        system.addShutdownParticipant(r);
        system.removeShutdownParticipant(r);
        assertThat(system.shutdown(Duration.ofSeconds(5)).participants()).isEmpty();
        assertThat(calls).isEmpty();
    }

    @Test
    void addingAParticipant_afterShutdownBegan_isRefused() {
        system.shutdown(Duration.ofSeconds(5));
        assertThatThrownBy(() -> system.addShutdownParticipant(new Recorder("late", List.of(), false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already shutting down")
                .hasMessageContaining("late");
        assertThatThrownBy(() -> system.addShutdownParticipant(null)).isInstanceOf(NullPointerException.class);
    }

    // ------------------------------------------------------------------ watching addresses of other processes

    /** An address of "another process" whose end the test decides. */
    private static final class FakeRemote implements WatchableAddr<String> {
        final CompletableFuture<Terminated> end = new CompletableFuture<>();

        @Override
        public CompletableFuture<Terminated> whenTerminated() {
            return end;
        }

        void stop() {
            end.complete(new Terminated(this, null));
        }

        @Override
        public void tell(String message) {
        }

        @Override
        public SendResult trySend(String message) {
            return SendResult.ACCEPTED;
        }

        @Override
        public SendResult send(String message, Duration timeout) {
            return SendResult.ACCEPTED;
        }

        @Override
        public <R> CompletableFuture<R> ask(Function<Addr<R>, ? extends String> request, Duration timeout) {
            return new CompletableFuture<>();
        }

        @Override
        public String path() {
            return "amqp://broker/remote";
        }
    }

    record Watch(Addr<?> target) {
    }

    record Unwatch(Addr<?> target) {
    }

    record Ping(CompletableFuture<Void> done) {
    }

    private Addr<Object> watcher(List<Object> seen) {
        return system.spawn("watcher", ctx -> m -> {
            if (m instanceof Watch w) {
                ctx.watch(w.target(), t -> t);
            } else if (m instanceof Unwatch u) {
                ctx.unwatch(u.target());
            } else if (m instanceof Ping p) {
                p.done().complete(null);
            } else {
                seen.add(m);
            }
        });
    }

    @Test
    void watchedRemoteAddr_thatStops_isToldOnce_asATerminatedMessage() throws Exception {
        List<Object> seen = new CopyOnWriteArrayList<>();
        Addr<Object> w = watcher(seen);
        FakeRemote remote = new FakeRemote();
        w.tell(new Watch(remote));
        w.tell(new Watch(remote)); // watching again replaces the mapping: still one notice
        CompletableFuture<Void> watched = new CompletableFuture<>();
        w.tell(new Ping(watched));
        get(watched);
        remote.stop();
        TestSupport.awaitUntil("the notice arrives", () -> !seen.isEmpty());
        CompletableFuture<Void> later = new CompletableFuture<>();
        w.tell(new Ping(later));
        get(later);
        assertThat(seen).singleElement().isEqualTo(new Terminated(remote, null));
    }

    @Test
    void unwatchedRemoteAddr_thatStops_isNotTold() throws Exception {
        List<Object> seen = new CopyOnWriteArrayList<>();
        Addr<Object> w = watcher(seen);
        FakeRemote remote = new FakeRemote();
        w.tell(new Watch(remote));
        w.tell(new Unwatch(remote));
        CompletableFuture<Void> unwatched = new CompletableFuture<>();
        w.tell(new Ping(unwatched));
        get(unwatched);
        remote.stop();
        CompletableFuture<Void> after = new CompletableFuture<>();
        w.tell(new Ping(after)); // the notice, had it been delivered, would have come before this
        get(after);
        assertThat(seen).isEmpty();
    }

    @Test
    void whenTerminated_ofARemoteAddr_followsItsTransport() throws Exception {
        FakeRemote remote = new FakeRemote();
        CompletableFuture<Terminated> f = system.whenTerminated(remote);
        assertThat(f).isNotDone();
        remote.stop();
        assertThat(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).actor()).isSameAs(remote);
    }
}
