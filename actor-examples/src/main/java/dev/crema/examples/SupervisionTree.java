package dev.crema.examples;

import dev.crema.actor.Actor;
import dev.crema.actor.ActorSystem;
import dev.crema.actor.Addr;
import dev.crema.actor.supervision.ChildInfo;
import dev.crema.actor.supervision.ChildSpec;
import dev.crema.actor.supervision.Supervisor;
import dev.crema.actor.supervision.SupervisorSpec;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A supervision tree: the shop supervises the till and the kitchen one-for-one; the kitchen (itself a
 * supervisor) restarts its grinder and steamer one-for-all, because one is no use without the other.
 * The steamer fails; the kitchen restarts both in place (same addresses, same mailboxes); the till
 * never notices. {@code mvn -q -pl actor-examples -am compile exec:java
 * -Dexec.mainClass=dev.crema.examples.SupervisionTree}
 */
public final class SupervisionTree {

    private SupervisionTree() {
    }

    /** A worker's protocol: say who you are, or fail. */
    sealed interface Cmd {}

    record Hello(Addr<String> replyTo) implements Cmd {}

    record Fail(String why) implements Cmd {}

    /** A worker that counts its incarnations: the factory runs again on every restart. */
    static ChildSpec<Cmd> worker(String name) {
        AtomicInteger incarnations = new AtomicInteger();
        return ChildSpec.<Cmd>worker(name, ctx -> {
            int me = incarnations.incrementAndGet();
            return (Actor<Cmd>) cmd -> {
                if (cmd instanceof Fail f) {
                    throw new IllegalStateException(f.why());
                }
                ((Hello) cmd).replyTo().tell(name + " #" + me);
            };
        });
    }

    public static void main(String[] args) throws Exception {
        ChildSpec<Cmd> till = worker("till");
        ChildSpec<Cmd> grinder = worker("grinder");
        ChildSpec<Cmd> steamer = worker("steamer");
        try (ActorSystem system = ActorSystem.create("tree")) {
            Supervisor shop = Supervisor.start(system, "shop", SupervisorSpec.oneForOne()
                    .withIntensity(3, Duration.ofSeconds(10))
                    .withChild(till)
                    .withChild(ChildSpec.supervisor("kitchen", SupervisorSpec.oneForAll()
                            .withIntensity(3, Duration.ofSeconds(10))
                            .withChild(grinder)
                            .withChild(steamer))));
            Supervisor kitchen = shop.childSupervisor("kitchen").orElseThrow();
            Addr<Cmd> steamerAddr = kitchen.child(steamer).orElseThrow();

            System.out.println("before: " + hello(shop.child(till).orElseThrow()) + ", "
                    + hello(kitchen.child(grinder).orElseThrow()) + ", " + hello(steamerAddr));
            steamerAddr.tell(new Fail("the steam wand clogged"));
            // this ask waits in the steamer's mailbox while the kitchen restarts; the fresh steamer answers it
            String steamerAfter = hello(steamerAddr);
            System.out.println("after:  " + hello(shop.child(till).orElseThrow()) + ", "
                    + hello(kitchen.child(grinder).orElseThrow()) + ", " + steamerAfter
                    + "  (one-for-all: both kitchen workers are new instances; the till never noticed)");
            // children() is a snapshot the supervisor publishes; the restart count is published before the restart
            ChildInfo info = kitchen.child("steamer").orElseThrow();
            System.out.println("the kitchen restarted the steamer " + info.restarts() + " time(s), keeping its address: "
                    + steamerAddr.equals(info.addr()));
        }
    }

    private static String hello(Addr<Cmd> worker) throws Exception {
        return worker.ask(Hello::new, Duration.ofSeconds(5)).get();
    }
}
