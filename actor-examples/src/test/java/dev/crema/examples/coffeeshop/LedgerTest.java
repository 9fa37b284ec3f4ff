package dev.crema.examples.coffeeshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.AskTimeoutException;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.Mailbox;
import dev.crema.actor.SpawnOptions;
import dev.crema.examples.coffeeshop.Ledger.Bucket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ledger records one outcome per customer, even when the drink and the give-up arrive together. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LedgerTest {

    @Test
    void aSecondOutcomeForTheSameCustomer_isCountedAsAnError_notAdded() {
        SimClock clock = new SimClock(1);
        Ledger ledger = new Ledger(2, clock);
        ledger.placed.add(2);

        ledger.askCompleted(0, clock.now(), new Outcome.Served(Drink.LATTE, "b", 1), null);
        ledger.askCompleted(0, clock.now(), null, new AskTimeoutException("cashier", Object.class, Duration.ZERO));

        assertThat(ledger.buckets()).containsEntry(Bucket.SERVED, 1L).containsEntry(Bucket.GAVE_UP, 0L);
        assertThat(ledger.settledTwice()).isEqualTo(1);
        assertThat(ledger.unsettled()).as("customer 1 has no ending yet").isEqualTo(1);
    }

    @Test
    void drinkAndGiveUpAtTheSameMoment_exactlyOneOutcome_andTheLoserIsALateReply() throws Exception {
        int customers = 2000;
        SimClock clock = new SimClock(1);
        Ledger ledger = new Ledger(customers, clock);
        AtomicInteger replied = new AtomicInteger();
        try (ActorSystem system = ActorSystem.create("race")) {
            // answers at once, while each customer's patience is about as short as the answer takes
            Addr<Cashier.Order> counter = system.spawn("counter", ctx -> order -> {
                order.replyTo().tell(new Outcome.Served(order.drink(), "b", 1));
                replied.incrementAndGet();
            }, SpawnOptions.defaults().withMailbox(Mailbox.bounded(customers))); // room for all: none rejected
            CompletableFuture<?>[] all = new CompletableFuture<?>[customers];
            for (int c = 0; c < customers; c++) {
                int customer = c;
                long asked = clock.now();
                ledger.placed.increment();
                all[c] = counter.<Outcome>ask(r -> new Cashier.Order(customer, Drink.LATTE, r),
                                Duration.ofNanos(1 + c % 50_000))
                        .whenComplete((reply, failure) -> ledger.askCompleted(customer, asked, reply, failure));
            }
            CompletableFuture.allOf(all).handle((v, e) -> null).get(20, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (replied.get() < customers && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(replied).as("every order answered").hasValue(customers);
            long late = system.deadLetters().count(DeadLetterReason.LATE_REPLY);

            System.out.println("race: served " + ledger.count(Bucket.SERVED) + ", gave up " + ledger.count(Bucket.GAVE_UP) + ", late " + late);
            assertThat(ledger.settledTwice()).isZero();
            assertThat(ledger.unsettled()).isZero();
            assertThat(ledger.count(Bucket.SERVED) + ledger.count(Bucket.GAVE_UP)).isEqualTo(customers);
            assertThat(late).as("every customer who gave up left exactly one drink behind")
                    .isEqualTo(ledger.count(Bucket.GAVE_UP));
        }
    }
}
