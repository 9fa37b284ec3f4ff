package dev.crema.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The default pool hands an actor woken by the last message of a turn to the same worker (no wake-up of
 * another). A turn that then blocks must not keep that actor from running: the hand-off is taken back and
 * given to another worker.
 */
class HandoffTest {

    private final ActorSystem system = ActorSystem.create("handoff", SystemConfig.defaults().withParallelism(2));

    @AfterEach
    void shutdown() {
        system.shutdown(Duration.ofSeconds(5));
    }

    record Question(Addr<String> replyTo) {}

    @Test
    void aTurnThatBlocksOnTheActorItJustWoke_stillGetsItsAnswer() throws Exception {
        Addr<Question> answerer = system.spawn("answerer", ctx -> q -> q.replyTo().tell("42"));
        Addr<CompletableFuture<String>> blocker = system.spawn("blocker", ctx -> result ->
                // an anti-pattern, but one users write: block in a handler on an ask to an idle actor, which
                // the tell inside ask() hands off to this very worker
                result.complete(answerer.<String>ask(Question::new, Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS)));

        for (int i = 0; i < 20; i++) {
            CompletableFuture<String> result = new CompletableFuture<>();
            blocker.tell(result);
            assertThat(result.get(10, TimeUnit.SECONDS)).as("round " + i).isEqualTo("42");
        }
        assertThat(system.deadLetters().total()).isZero();
    }

    @Test
    void aLongChainOfHandOffs_stillLetsOtherActorsRun() throws Exception {
        int hops = 200_000;
        CompletableFuture<Integer> done = new CompletableFuture<>();
        @SuppressWarnings({"unchecked", "rawtypes"}) // no generic array creation in Java
        Addr<Integer>[] ring = new Addr[3];
        for (int i = 0; i < ring.length; i++) {
            int next = (i + 1) % ring.length;
            ring[i] = system.spawn("ring-" + i, ctx -> n -> {
                if (n == hops) {
                    done.complete(n);
                } else {
                    ring[next].tell(n + 1);
                }
            });
        }
        Addr<Question> bystander = system.spawn("bystander", ctx -> q -> q.replyTo().tell("still here"));

        ring[0].tell(0);
        String answer = bystander.<String>ask(Question::new, Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);

        assertThat(answer).isEqualTo("still here");
        assertThat(done.get(30, TimeUnit.SECONDS)).isEqualTo(hops);
    }
}
