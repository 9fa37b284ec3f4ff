package dev.crema.examples.hanoi;

import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.Dispatcher;
import dev.crema.actor.SpawnOptions;
import dev.crema.amqp.AmqpNode;
import dev.crema.amqp.AmqpSettings;
import dev.crema.amqp.ExposeOptions;
import dev.crema.examples.hanoi.Hanoi.Job;
import dev.crema.examples.hanoi.Hanoi.Solve;
import dev.crema.examples.hanoi.Hanoi.Solved;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The calculation engine of the design notes: consumes {@code hanoi.jobs} and solves each job on a
 * worker pool sized to the cores, off the default dispatcher. Run it in its own terminal:
 * {@code mvn -q -pl actor-examples -am compile exec:java -Dexec.mainClass=dev.crema.examples.hanoi.HanoiEngine}
 * (Ctrl-C stops it gracefully: the consumer is cancelled, jobs in hand are finished and answered).
 * The broker is {@code CREMA_AMQP_URI} or {@code amqp://guest:guest@127.0.0.1:5672/}; if it goes away the
 * engine reconnects every 2 s.
 */
public final class HanoiEngine {

    private HanoiEngine() {
    }

    /**
     * Starts the engine in {@code system}: a router actor exposed on the queue, feeding one worker actor
     * per core round-robin.
     *
     * @param system   the actor system
     * @param settings the broker
     * @param workers  the pool's size
     * @param pool     runs the workers
     * @return the node
     * @throws IOException if the broker cannot be reached
     */
    public static AmqpNode start(ActorSystem system, AmqpSettings settings, int workers, ExecutorService pool)
            throws IOException {
        SpawnOptions onPool = SpawnOptions.defaults().withDispatcher(Dispatcher.of("hanoi-workers", pool));
        List<Addr<Job>> crew = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            String name = "worker-" + i;
            crew.add(system.spawn(name, ctx -> job -> {
                Solve s = (Solve) job;
                long[] r = Hanoi.solve(s.discs());
                s.replyTo().tell(new Solved(s.discs(), r[0], r[1], name));
            }, onPool));
        }
        Addr<Job> engine = system.spawn("engine", ctx -> {
            int[] next = {0};
            return job -> crew.get(next[0]++ % crew.size()).tell(job);
        });
        AmqpNode node = AmqpNode.connect(system, "engine", settings);
        node.expose(Hanoi.QUEUE, engine, Hanoi.JOBS, ExposeOptions.defaults().withPrefetch(4 * workers));
        return node;
    }

    /**
     * @param args ignored
     * @throws Exception if the broker cannot be reached
     */
    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        ActorSystem system = ActorSystem.create("hanoi-engine");
        AmqpNode node = start(system, AmqpSettings.fromEnvironment(), cores, pool);
        System.out.println("engine: " + cores + " workers on " + node.brokerAddress() + Hanoi.QUEUE + "; Ctrl-C stops");
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("engine: " + system.shutdown(java.time.Duration.ofSeconds(10)));
            pool.shutdown();
            done.countDown();
        }));
        done.await();
    }
}
