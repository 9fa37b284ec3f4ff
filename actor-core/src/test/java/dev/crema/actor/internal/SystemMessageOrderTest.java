package dev.crema.actor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorContext;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.Mailbox;
import dev.crema.actor.SpawnOptions;
import dev.crema.actor.SystemConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A system message sent before a user message takes effect before that user message is handled, even
 * when the receiver is in the middle of a turn. Found by the churn test: a watcher unwatched a target and
 * then asked it how many watchers it had; the busy target handled the question before the unwatch, which
 * it had not yet taken off its system channel. In package {@code internal} to read the watcher table.
 */
class SystemMessageOrderTest {

    private final ActorSystem system = ActorSystem.create("order", SystemConfig.defaults().withDeadLetterLogLimit(0));

    @AfterEach
    void shutdown() {
        system.shutdown(Duration.ofSeconds(10));
    }

    record Noise(AtomicLong outstanding) {
    }

    record CountWatchers(CompletableFuture<Integer> reply) {
    }

    record Flip(Addr<Object> target, boolean watch, CompletableFuture<Integer> reply) {
    }

    /** Answers how many watchers it has, on its own thread. */
    static final class Target implements Actor<Object> {
        private final ActorContext<Object> ctx;

        Target(ActorContext<Object> ctx) {
            this.ctx = ctx;
        }

        @Override
        public void receive(Object m) {
            if (m instanceof Noise n) {
                n.outstanding().decrementAndGet();
            } else if (m instanceof CountWatchers c) {
                CellState s = ((ActorCell<?>) ctx).stateOrNull();
                c.reply().complete(s == null || s.watchers == null ? 0 : s.watchers.size());
            }
        }
    }

    /** Watches or unwatches the target, then at once asks it for its watcher count. */
    static final class Watcher implements Actor<Object> {
        private final ActorContext<Object> ctx;

        Watcher(ActorContext<Object> ctx) {
            this.ctx = ctx;
        }

        @Override
        public void receive(Object m) {
            if (m instanceof Flip f) {
                if (f.watch()) {
                    ctx.watch(f.target(), t -> t);
                } else {
                    ctx.unwatch(f.target());
                }
                f.target().tell(new CountWatchers(f.reply())); // sent after the (un)watch system message
            }
        }
    }

    @Test
    void systemMessageSentBeforeAUserMessage_takesEffectFirst_evenWhileTheReceiverIsBusy() throws Exception {
        SpawnOptions unbounded = SpawnOptions.defaults().withMailbox(Mailbox.unbounded());
        Addr<Object> target = system.spawn("target", Target::new, unbounded);
        Addr<Object> watcher = system.spawn("watcher", Watcher::new, unbounded);
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong outstanding = new AtomicLong();
        Thread flooder = new Thread(() -> {
            while (flooding.get()) {
                if (outstanding.get() < 10_000) { // keeps the target in the middle of turns, the heap bounded
                    outstanding.incrementAndGet();
                    target.tell(new Noise(outstanding));
                } else {
                    Thread.onSpinWait();
                }
            }
        }, "flooder");
        flooder.start();
        try {
            for (int round = 0; round < 4_000; round++) {
                boolean watch = round % 2 == 0;
                CompletableFuture<Integer> count = new CompletableFuture<>();
                watcher.tell(new Flip(target, watch, count));
                assertThat(count.get(10, TimeUnit.SECONDS)).as("watchers seen in round %d", round).isEqualTo(watch ? 1 : 0);
            }
        } finally {
            flooding.set(false);
            flooder.join();
        }
    }
}
