package dev.crema.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crema.actor.DeadLetter;
import dev.crema.actor.DeadLetterReason;
import dev.crema.actor.DeadLetters;
import dev.crema.examples.coffeeshop.LiveReport;
import dev.crema.examples.coffeeshop.LiveShop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's promise for a session whose actor fails: it is stopped (a temporary child of the "sessions"
 * supervisor), its socket closed with 1011 and a reason, and nothing else is touched: another session keeps its
 * states and its commands, the shop keeps running, and the books still add up at shutdown. The failure is a
 * throw from the session's handler, made with {@link LiveShopServer#sessionFault} (a test seam, off by default).
 */
class SessionFailureTest {

    /** Not a command (it would be refused as bad-command): only the seam makes it fail the handler. */
    private static final String FAIL = "{\"cmd\":\"fail-this-session\"}";

    @Test
    void aFailedSession_isClosedWith1011_andNothingElseIsTouched() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LiveShopServer server = LiveShopServer.start(WebSettings.defaults().withPort(0).withTick(Duration.ofMillis(50)),
                new PrintStream(printed, true), "--speed-up", "2000");
        List<DeadLetter> failed = new CopyOnWriteArrayList<>();
        List<DeadLetter> socketClosed = new CopyOnWriteArrayList<>();
        DeadLetters.Subscription sub = server.system().deadLetters().subscribe(d -> {
            if (d.reason() == DeadLetterReason.FAILED) {
                failed.add(d);
            } else if (d.message() instanceof SessionActor.SocketClosed) {
                socketClosed.add(d);
            }
        });
        try {
            server.shop().openDoors();
            server.sessionFault = FAIL::equals;
            HttpClient http = HttpClient.newHttpClient();
            TestClient other = TestClient.open(http, server);
            assertThat(other.nextAnswer().path("type").asText()).isEqualTo("hello");
            TestClient victim = TestClient.open(http, server);
            JsonNode hello = victim.nextAnswer();
            String victimName = hello.path("session").asText();
            assertThat(victimName).startsWith("session-");
            Await.until("both sessions receiving states", () -> other.states.get() >= 1 && victim.states.get() >= 1);
            assertThat(server.liveSessions()).isEqualTo(2);
            long endedBefore = server.stats().sessionsEnded();
            long acceptedBefore = server.stats().commandsAccepted();
            long refusedBefore = server.stats().commandsRefused();

            victim.send(FAIL);

            TestClient.Close close = victim.closed.get(20, TimeUnit.SECONDS);
            assertThat(close.code()).as("%s", close).isEqualTo(1011);
            assertThat(close.reason()).isEqualTo("the session ended on the server");
            assertThat(victim.answers).as("no answer to the frame that failed the handler").isEmpty();

            // visible where the runtime counts failures: the failing frame is a FAILED dead letter, with its cause
            Await.until("the failure as a dead letter", TestClient.WAIT, () -> failed.size() == 1, failed::toString);
            DeadLetter letter = failed.get(0);
            assertThat(letter.recipient()).endsWith("/sessions/" + victimName);
            assertThat(letter.message()).isEqualTo(new SessionActor.Incoming(FAIL));
            assertThat(letter.cause()).hasMessageContaining("injected fault");
            assertThat(server.system().deadLetters().count(DeadLetterReason.FAILED)).isEqualTo(1);

            // stopped, not restarted: gone from the supervisor and the system; the other session untouched
            Await.until("the failed session's actor stopped", () -> server.stats().sessionsEnded() == endedBefore + 1);
            Await.until("only the other session left", () -> server.liveSessions() == 1);
            assertThat(server.system().inspect().actors().map(a -> a.name()))
                    .doesNotContain(victimName).contains("sessions", "broadcaster");
            assertThat(server.stats().sessionsOpened()).isEqualTo(2);
            // the close handshake completes on the server too: Jetty tells the (stopped) actor, a dead letter
            Await.until("Jetty's close of the failed session", TestClient.WAIT,
                    () -> socketClosed.stream().anyMatch(d -> d.recipient().endsWith("/" + victimName)),
                    socketClosed::toString);

            // the other session keeps receiving states, with increasing seq, and they count one session now
            long seq = other.lastState.path("seq").asLong();
            Await.until("the other session's states going on", TestClient.WAIT,
                    () -> other.lastState.path("seq").asLong() > seq + 2, () -> String.valueOf(other.lastState));
            Await.until("the states counting one session", TestClient.WAIT,
                    () -> other.lastState.path("web").path("sessions").asInt() == 1, () -> String.valueOf(other.lastState));
            assertThat(other.closed).isNotDone();

            // the shop keeps running and still takes commands from the other session
            assertThat(server.shop().phase()).isEqualTo(LiveShop.Phase.OPEN);
            long placed = server.shop().counters().placed();
            Await.until("customers still arriving", () -> server.shop().counters().placed() > placed);
            int baristas = other.lastState.path("baristas").size();
            JsonNode ack = other.ask("{\"cmd\":\"addBarista\"}");
            assertThat(ack.path("type").asText()).as("%s", ack).isEqualTo("ack");
            Await.until("one more barista in the state", TestClient.WAIT,
                    () -> other.lastState.path("baristas").size() == baristas + 1, () -> String.valueOf(other.lastState));
            assertThat(server.stats().commandsAccepted()).isEqualTo(acceptedBefore + 1);
            assertThat(server.stats().commandsRefused()).as("the failing frame was not answered").isEqualTo(refusedBefore);

            LiveReport report = server.stop();
            assertThat(other.closed.get(20, TimeUnit.SECONDS).code()).isEqualTo(LiveShopServer.SHUTDOWN_CODE);
            // the shop's own books: every customer accounted for, every dead letter of the shop explained (a stop no
            // longer dead-letters its cancelled timers' ticks, which the street's stop at closing used to race)
            assertThat(report.invariant()).as(report.text()).startsWith("invariant: placed ").endsWith("-- ok");
            assertThat(report.ok()).as(report.text()).isTrue();
            assertThat(printed.toString()).contains(report.invariant());
            WebStats s = server.stats();
            assertThat(s.sessionsEnded()).isEqualTo(s.sessionsOpened()).isEqualTo(2);
            assertThat(s.statesOffered()).as("every state frame accounted for: %s", s)
                    .isEqualTo(s.statesSent() + s.statesCoalesced() + s.statesAbandoned());
            System.out.println("failed session: closed with " + close.code() + " \"" + close.reason() + "\"; "
                    + letter.reason() + " dead letter " + letter.message() + "; " + s);
        } finally {
            sub.close();
            server.stop();
        }
    }
}
