package dev.crema.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InterceptorAndBatchTest {

    private final ActorSystem system = ActorSystem.create("mw");

    @AfterEach
    void shutdown() {
        system.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void interceptor_wrapsEveryMessage_onTheActorsThread_andSeesFailures() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicInteger failuresSeen = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(3);
        Interceptor recording = (self, message, next) -> {
            seen.add(self.path() + " <- " + message);
            try {
                next.proceed();
            } catch (Exception e) {
                failuresSeen.incrementAndGet();
                throw e;
            } finally {
                done.countDown();
            }
        };
        Addr<String> a = system.spawn("a", ctx -> m -> {
            if (m.equals("bad")) {
                throw new IllegalArgumentException("bad input");
            }
        }, SpawnOptions.defaults().withInterceptor(recording).withDecider(Decider.resume()));

        a.tell("one");
        a.tell("bad");
        a.tell("two");

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactly("crema://mw/user/a <- one", "crema://mw/user/a <- bad", "crema://mw/user/a <- two");
        assertThat(failuresSeen).hasValue(1);
        assertThat(system.deadLetters().count(DeadLetterReason.FAILED)).isEqualTo(1);
    }

    @Test
    void batchActor_getsWaitingMessagesTogether_inOrder_andLosesNone() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch all = new CountDownLatch(100);
        Addr<Integer> batcher = system.spawn("batcher", ctx -> new BatchActor<Integer>() {
            @Override
            public void receiveBatch(List<Integer> batch) throws Exception {
                gate.await(); // hold the first batch so the rest piles up in the mailbox
                batches.add(new ArrayList<>(batch));
                batch.forEach(x -> all.countDown());
            }

            @Override
            public int maxBatch() {
                return 10;
            }
        });

        for (int i = 0; i < 100; i++) {
            batcher.tell(i);
        }
        gate.countDown();

        assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(batches.stream().flatMap(List::stream).toList()).as("every message once, in order")
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
        assertThat(batches).allSatisfy(b -> assertThat(b).hasSizeBetween(1, 10));
        assertThat(batches.size()).as("messages were batched").isLessThan(100);
    }

    @Test
    void batchActor_failure_deadLettersTheWholeBatchWithTheCause() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(5);
        system.deadLetters().subscribe(dl -> {
            if (dl.reason() == DeadLetterReason.FAILED && dl.cause().getMessage().startsWith("burnt")) {
                failed.countDown();
            }
        });
        Addr<Integer> batcher = system.spawn("batcher", ctx -> (BatchActor<Integer>) batch -> {
            gate.await();
            throw new IllegalStateException("burnt " + batch.size());
        }, SpawnOptions.defaults().withDecider(Decider.resume()));
        for (int i = 0; i < 5; i++) {
            batcher.tell(i);
        }
        gate.countDown();

        assertThat(failed.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(system.deadLetters().count(DeadLetterReason.FAILED)).isEqualTo(5);
    }
}
