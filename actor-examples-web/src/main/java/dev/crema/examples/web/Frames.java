package dev.crema.examples.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crema.actor.inspect.ActorSnapshot;
import dev.crema.actor.inspect.SystemSnapshot;
import dev.crema.examples.coffeeshop.LiveCounters;
import dev.crema.examples.coffeeshop.LiveReport;
import java.time.Duration;
import java.util.Map;

/**
 * The server's frames, written by Jackson (so every string is escaped correctly):
 * <pre>
 *   {"type":"hello","session":"session-3","tickMs":200,"limits":{...}}        first, on every session
 *   {"type":"state","seq":41,"phase":"OPEN","customers":{...},"actors":[...],...} every tick, latest wins
 *   {"type":"ack","cmd":"burn","detail":"burn rate 30 %"}                        a command was carried out
 *   {"type":"error","code":"bad-field","message":"..."}                           a frame was refused
 * </pre>
 * Stateless and thread-safe.
 */
final class Frames {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Frames() {
    }

    static String hello(String session, WebSettings s) {
        ObjectNode n = JSON.createObjectNode().put("type", "hello").put("session", session)
                .put("tickMs", s.tick().toMillis());
        n.putObject("limits").put("maxCommandBytes", s.maxCommandBytes()).put("commandsPerSecond", s.commandsPerSecond())
                .put("commandBurst", s.commandBurst()).put("slowLimitMs", s.slowLimit().toMillis());
        return write(n);
    }

    static String ack(Command c, String detail) {
        return write(JSON.createObjectNode().put("type", "ack").put("cmd", c.name()).put("detail", detail));
    }

    static String error(String code, String message) {
        return write(JSON.createObjectNode().put("type", "error").put("code", code).put("message", message));
    }

    /**
     * The shop as the page draws it.
     *
     * @param seq    the broadcaster's tick number: a client that sees it jump knows frames were coalesced
     * @param shop   the shop's numbers
     * @param actors the shop's actors ({@code inspect()}), for mailbox sizes, statuses and restarts
     * @param report the report, once the shop has closed, or {@code null}
     * @param web    the server's own figures
     */
    static String state(long seq, LiveCounters shop, SystemSnapshot actors, LiveReport report, WebStats web,
                        long sessions, long webDeadLetters) {
        ObjectNode n = JSON.createObjectNode().put("type", "state").put("seq", seq).put("phase", shop.phase().name())
                .put("simulatedSeconds", shop.simulated().toSeconds()).put("burnRate", shop.burnRatePercent())
                .put("conservation", shop.conservation()).put("managerGaveUp", shop.managerGaveUp());
        n.putObject("customers").put("placed", shop.placed()).put("served", shop.served())
                .put("turnedAway", shop.turnedAway()).put("rejected", shop.rejected()).put("refunded", shop.refunded())
                .put("gaveUp", shop.gaveUp()).put("inShop", shop.inShop());
        n.putObject("waits").put("p50", seconds(shop.waitP50())).put("p95", seconds(shop.waitP95()))
                .put("p99", seconds(shop.waitP99()));
        n.putObject("kitchen").put("ordersTaken", shop.ordersTaken()).put("ordersInFlight", shop.ordersInFlight())
                .put("brews", shop.brews()).put("burnt", shop.burntBrews()).put("wasted", shop.wastedDrinks());
        ArrayNode list = n.putArray("actors");
        actors.actors().forEach(a -> list.add(actor(a)));
        ArrayNode baristas = n.putArray("baristas");
        for (Map.Entry<String, Integer> e : shop.restarts().entrySet()) {
            ObjectNode b = baristas.addObject().put("id", e.getKey()).put("restarts", e.getValue());
            actors.actors().filter(a -> a.name().equals(e.getKey())).findFirst()
                    .ifPresent(a -> b.put("mailbox", a.mailboxSize()).put("status", a.status().name()));
        }
        if (report != null) {
            n.putObject("report").put("invariant", report.invariant()).put("ok", report.ok()).put("text", report.text());
        }
        n.putObject("web").put("sessions", sessions).put("statesSent", web.statesSent())
                .put("coalesced", web.statesCoalesced()).put("abandoned", web.statesAbandoned())
                .put("closedSlow", web.closedSlow()).put("refused", web.commandsRefused())
                .put("repliesDropped", web.repliesDropped()).put("deadLetters", webDeadLetters);
        return write(n);
    }

    private static ObjectNode actor(ActorSnapshot a) {
        return JSON.createObjectNode().put("name", a.name()).put("path", a.path()).put("status", a.status().name())
                .put("mailbox", a.mailboxSize()).put("capacity", a.mailboxCapacity()).put("taken", a.messagesTaken())
                .put("restarts", a.restarts());
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static String write(ObjectNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values did not serialize", e); // cannot happen
        }
    }
}
