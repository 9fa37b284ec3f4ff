package dev.crema.actor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SmokeTest {

    @Test
    void tellAndAsk() throws Exception {
        try (ActorSystem system = ActorSystem.create("smoke")) {
            AtomicLong sum = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            Addr<Integer> adder = system.spawn("adder", ctx -> n -> {
                if (sum.addAndGet(n) == 5050) {
                    done.countDown();
                }
            });
            for (int i = 1; i <= 100; i++) {
                adder.tell(i);
            }
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            record Ping(String text, Addr<String> replyTo) {}
            Addr<Ping> echo = system.spawn("echo", ctx -> p -> p.replyTo().tell(p.text()));
            assertThat(echo.<String>ask(r -> new Ping("hi", r), Duration.ofSeconds(2)).get(2, TimeUnit.SECONDS)).isEqualTo("hi");
            assertThat(echo.path()).isEqualTo("crema://smoke/user/echo");
        }
    }
}
