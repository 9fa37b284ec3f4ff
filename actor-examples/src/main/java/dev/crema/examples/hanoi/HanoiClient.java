package dev.crema.examples.hanoi;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.amqp.AmqpNode;
import dev.crema.amqp.AmqpSettings;
import dev.crema.examples.hanoi.Hanoi.Job;
import dev.crema.examples.hanoi.Hanoi.Solve;
import dev.crema.examples.hanoi.Hanoi.Solved;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The front service of the design notes: asks {@link HanoiEngine} to solve puzzles, each ask with a
 * timeout, retrying every 2 s (three times) when no answer comes. Run it in a second terminal:
 * {@code mvn -q -pl actor-examples -am compile exec:java -Dexec.mainClass=dev.crema.examples.hanoi.HanoiClient
 * -Dexec.args="20 22 24"}.
 */
public final class HanoiClient {

    private HanoiClient() {
    }

    /**
     * Asks once.
     *
     * @param engine  the engine's queue
     * @param discs   the discs
     * @param timeout the ask timeout
     * @return the answer
     * @throws Exception the ask's failure (timeout, broker refusal, ...)
     */
    public static Solved ask(Addr<Job> engine, int discs, Duration timeout) throws Exception {
        try {
            return engine.<Solved>ask(replyTo -> new Solve(discs, replyTo), timeout)
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    /**
     * @param args disc counts, default {@code 16 20 24}
     * @throws Exception if the broker cannot be reached
     */
    public static void main(String[] args) throws Exception {
        int[] discs = args.length == 0 ? new int[] {16, 20, 24} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int failures = 0;
        try (ActorSystem system = ActorSystem.create("hanoi-client");
             AmqpNode node = AmqpNode.connect(system, "client", AmqpSettings.fromEnvironment())) {
            Addr<Job> engine = node.remote(Hanoi.QUEUE, Hanoi.JOBS);
            for (int n : discs) {
                for (int attempt = 1; ; attempt++) {
                    long start = System.nanoTime();
                    try {
                        Solved s = ask(engine, n, Duration.ofSeconds(10));
                        System.out.printf("%2d discs: %,d moves (checksum %x) by %s in %d ms%n", s.discs(), s.moves(),
                                s.checksum(), s.worker(), (System.nanoTime() - start) / 1_000_000);
                        break;
                    } catch (Exception e) {
                        System.out.println(n + " discs, attempt " + attempt + ": " + e.getMessage());
                        if (attempt == 3) {
                            failures++;
                            break;
                        }
                        Thread.sleep(2000);
                    }
                }
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
