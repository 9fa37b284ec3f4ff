package dev.crema.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crema.examples.coffeeshop.LiveShop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The protocol, frame by frame: the page is served, commands work, bad frames get an error and change nothing. */
class ProtocolTest {

    static LiveShopServer server;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        server = LiveShopServer.start(WebSettings.defaults().withPort(0).withTick(Duration.ofMillis(50)),
                new PrintStream(new ByteArrayOutputStream()), "--speed-up", "2000");
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        assertThat(server.stats().statesOffered()).as("every state frame accounted for: %s", server.stats())
                .isEqualTo(server.stats().statesSent() + server.stats().statesCoalesced()
                        + server.stats().statesAbandoned());
    }

    @Test
    void thePage_isServedAsPlainFiles() throws Exception {
        for (String file : new String[] {"", "app.js", "style.css"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.uri() + file)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(file).isEqualTo(200);
        }
    }

    @Test
    void aSession_getsHelloThenStates() throws Exception {
        TestClient c = TestClient.open(http, server);
        JsonNode hello = c.nextAnswer();
        assertThat(hello.path("type").asText()).isEqualTo("hello");
        assertThat(hello.path("limits").path("maxCommandBytes").asInt()).isEqualTo(1024);
        Await.until("two state frames", () -> c.states.get() >= 2);
        assertThat(c.lastState.path("actors").findValuesAsText("name")).contains("door", "cashier", "order-queue");
        c.ws.sendClose(1000, "bye").join();
    }

    @Test
    void badFrames_getAnErrorFrame_andTheSessionKeepsWorking() throws Exception {
        TestClient c = TestClient.open(http, server);
        c.nextAnswer(); // hello
        assertError(c.ask("{not json"), "bad-json");
        assertError(c.ask("[1,2]"), "bad-json");
        assertError(c.ask("{\"cmd\":\"open\"} trailing"), "bad-json");
        assertError(c.ask("{\"cmd\":\"open\",\"cmd\":\"close\"}"), "bad-json");
        assertError(c.ask("{\"cmd\":\"dance\"}"), "bad-command");
        assertError(c.ask("{\"nocmd\":1}"), "bad-command");
        assertError(c.ask("{\"cmd\":\"burn\"}"), "bad-field");
        assertError(c.ask("{\"cmd\":\"burn\",\"rate\":101}"), "bad-field");
        assertError(c.ask("{\"cmd\":\"burn\",\"rate\":\"30\"}"), "bad-field");
        assertError(c.ask("{\"cmd\":\"burn\",\"rate\":3.5}"), "bad-field");
        assertError(c.ask("{\"cmd\":\"open\",\"extra\":true}"), "bad-field");
        assertError(c.ask("{\"cmd\":\"burn\",\"rate\":1,\"pad\":\"" + "x".repeat(2000) + "\"}"), "too-large");
        c.ws.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        assertError(c.nextAnswer(), "bad-json");

        JsonNode ack = c.ask("{\"cmd\":\"burn\",\"rate\":30}");
        assertThat(ack.path("type").asText()).isEqualTo("ack");
        assertThat(ack.path("detail").asText()).isEqualTo("burn rate 30 %");
        Await.until("the burn rate in a state frame", () -> c.lastState.path("burnRate").asInt() == 30);
        assertThat(c.closed).isNotDone();
        c.ws.sendClose(1000, "bye").join();
    }

    @Test
    void aMessageOverTheFrameLimit_isNotRead_jettyCloses1009() throws Exception {
        TestClient c = TestClient.open(http, server);
        c.nextAnswer();
        c.ws.sendText("x".repeat(WebSettings.defaults().maxFrameBytes() + 1), true);
        assertThat(c.closed.get(20, java.util.concurrent.TimeUnit.SECONDS).code()).isEqualTo(1009);
    }

    @Test
    void commands_changeTheShop() throws Exception {
        TestClient c = TestClient.open(http, server);
        c.nextAnswer();
        assertThat(c.ask("{\"cmd\":\"open\"}").path("detail").asText()).isIn("the doors are open", "the doors were open already");
        Await.until("customers placed", () -> c.lastState != null && c.lastState.path("customers").path("placed").asLong() > 0);
        int before = server.shop().counters().restarts().size();
        JsonNode ack = c.ask("{\"cmd\":\"addBarista\"}");
        assertThat(ack.path("type").asText()).as("%s", ack).isEqualTo("ack");
        Await.until("one more barista in the state", () -> c.lastState.path("baristas").size() == before + 1);
        assertThat(server.shop().phase()).isEqualTo(LiveShop.Phase.OPEN);
        c.ws.sendClose(1000, "bye").join();
    }

    @Test
    void theRateLimit_refusesTheExcess_withAnErrorFrame() throws Exception {
        TestClient c = TestClient.open(http, server);
        c.nextAnswer();
        int sent = 40; // the burst is 20, the rate 10 a second: of 40 at once, some must be refused
        for (int i = 0; i < sent; i++) {
            c.send("{\"cmd\":\"burn\",\"rate\":10}");
        }
        int acks = 0;
        int limited = 0;
        for (int i = 0; i < sent; i++) {
            JsonNode a = c.nextAnswer();
            if (a.path("type").asText().equals("ack")) {
                acks++;
            } else if (a.path("code").asText().equals("rate-limited")) {
                limited++;
            }
        }
        assertThat(acks + limited).isEqualTo(sent);
        assertThat(limited).isPositive();
        assertThat(acks).isGreaterThanOrEqualTo(20);
        System.out.println("rate limit: of " + sent + " commands at once, " + acks + " carried out, " + limited
                + " refused as rate-limited");
        assertThat(c.closed).isNotDone();
        c.ws.sendClose(1000, "bye").join();
    }

    @Test
    void aSessionDroppedMidStream_isNoticed_andItsActorStops() throws Exception {
        long endedBefore = server.stats().sessionsEnded();
        TestClient c = TestClient.open(http, server);
        Await.until("a state frame", () -> c.states.get() >= 1);
        Await.until("the session's actor running", () -> server.liveSessions() >= 1);
        c.ws.abort(); // no close frame: the TCP connection just goes
        Await.until("the session's actor stopped", () -> server.stats().sessionsEnded() > endedBefore);
        Await.until("no session actor left in the web system", () -> server.system().inspect().actors()
                .noneMatch(a -> a.name().startsWith("session-")));
    }

    private static void assertError(JsonNode frame, String code) {
        assertThat(frame.path("type").asText()).as("%s", frame).isEqualTo("error");
        assertThat(frame.path("code").asText()).as("%s", frame).isEqualTo(code);
        assertThat(frame.path("message").asText()).isNotBlank();
    }
}
