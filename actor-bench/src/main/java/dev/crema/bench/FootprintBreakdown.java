package dev.crema.bench;

import dev.crema.actor.ActorFactory;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.SystemConfig;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;

/**
 * Where the bytes of an idle Crema actor go, object by object (JOL), to set next to the heap-delta
 * measurement of {@link dev.crema.bench.workloads.IdleFootprint}. Reads Crema's internal fields by
 * reflection (the uber-jar runs on the class path), so it describes the actor-core it was built with.
 *
 * <pre>
 * java -cp actor-bench/target/benchmarks.jar dev.crema.bench.FootprintBreakdown [--no-mdc]
 * </pre>
 */
public final class FootprintBreakdown {

    private FootprintBreakdown() {
    }

    enum Hello { INSTANCE }

    static final class OneRef implements dev.crema.actor.Actor<Hello> {
        private final CountDownLatch received;

        OneRef(CountDownLatch received) {
            this.received = received;
        }

        @Override
        public void receive(Hello m) {
            received.countDown();
        }
    }

    /**
     * @param args {@code --no-mdc} to start the system with {@code withMdc(false)} (shows what the MDC costs)
     * @throws Exception if the actors do not become idle
     */
    public static void main(String[] args) throws Exception {
        System.out.println(VM.current().details());
        boolean mdc = !List.of(args).contains("--no-mdc");
        SystemConfig config = SystemConfig.defaults().withMdc(mdc);
        System.out.println("Crema " + config);
        int n = 1000;
        try (ActorSystem system = ActorSystem.create("breakdown", config)) {
            CountDownLatch received = new CountDownLatch(n);
            // same shape as IdleFootprint's lambda (one reference), as a named class so JOL can lay it out
            ActorFactory<Hello> factory = ctx -> new OneRef(received);
            List<Addr<Hello>> addrs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Addr<Hello> a = system.spawnAnonymous(factory);
                a.tell(Hello.INSTANCE);
                addrs.add(a);
            }
            Sync.await(received, "breakdown");
            Thread.sleep(100); // let the last turns end
            Object cell = addrs.get(n / 2);
            System.out.println(ClassLayout.parseInstance(cell).toPrintable());

            Map<String, Long> parts = new LinkedHashMap<>();
            parts.put(cell.getClass().getName() + " (the cell: mailbox word, links, instance)",
                    ClassLayout.parseInstance(cell).instanceSize());
            Object queue = field(cell, "queue");
            if (queue != null) {
                GraphLayout g = GraphLayout.parseInstance(queue);
                System.out.println("mailbox queue graph:\n" + g.toFootprint());
                parts.put("mailbox queue " + queue.getClass().getSimpleName() + " + its buffer", g.totalSize());
            }
            Object actor = field(cell, "actor");
            if (actor != null) {
                parts.put("actor instance (user code holding one reference)", VM.current().sizeOf(actor));
            }
            for (String f : new String[] {"state", "pathCache", "name"}) {
                Object v = field(cell, f);
                if (v != null) {
                    parts.put(f + (v instanceof String str ? " \"" + str + "\"" : ""),
                            GraphLayout.parseInstance(v).totalSize());
                }
            }
            long sum = 0;
            System.out.println("per idle actor, not shared with other actors:");
            for (Map.Entry<String, Long> e : parts.entrySet()) {
                System.out.printf("  %5d B  %s%n", e.getValue(), e.getKey());
                sum += e.getValue();
            }
            System.out.printf("  %5d B  total (plus about 4 B for the caller's reference to the Addr)%n", sum);
        }
    }

    private static Object field(Object o, String name) throws IllegalAccessException {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(o);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new IllegalArgumentException("no field " + name + " in " + o.getClass());
    }
}
