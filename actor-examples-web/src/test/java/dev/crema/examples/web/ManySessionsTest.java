package dev.crema.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crema.examples.coffeeshop.LiveReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many browsers at once see the same shop; a shutdown closes every one of them with 1001 and a reason. */
class ManySessionsTest {

    private static final int SESSIONS = 200;

    @Test
    void twoHundredSessions_allReceiveState_andAShutdownClosesEachWith1001() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        LiveShopServer server = LiveShopServer.start(WebSettings.defaults().withPort(0), new PrintStream(printed, true),
                "--speed-up", "2000");
        try {
            server.shop().openDoors();
            HttpClient http = HttpClient.newHttpClient();
            long start = System.nanoTime();
            List<CompletableFuture<TestClient>> connecting = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                connecting.add(TestClient.connect(http, server, true));
            }
            List<TestClient> clients = new ArrayList<>();
            for (CompletableFuture<TestClient> c : connecting) {
                clients.add(c.get(30, TimeUnit.SECONDS));
            }
            Await.until("every session's first state", Duration.ofSeconds(30),
                    () -> clients.stream().allMatch(c -> c.states.get() >= 1),
                    () -> clients.stream().filter(c -> c.states.get() == 0).count() + " without a state");
            long allReceivedMs = (System.nanoTime() - start) / 1_000_000;
            long seq = clients.get(0).lastState.path("seq").asLong();
            Await.until("every session past the same tick", Duration.ofSeconds(30),
                    () -> clients.stream().allMatch(c -> c.lastState.path("seq").asLong() > seq), () -> "");
            assertThat(server.liveSessions()).isEqualTo(SESSIONS);

            LiveReport report = server.stop();
            for (TestClient c : clients) {
                TestClient.Close close = c.closed.get(20, TimeUnit.SECONDS);
                assertThat(close.code()).isEqualTo(LiveShopServer.SHUTDOWN_CODE);
                assertThat(close.reason()).isEqualTo(LiveShopServer.SHUTDOWN_REASON);
            }
            WebStats s = server.stats();
            assertThat(report.ok()).as(report.text()).isTrue();
            assertThat(report.invariant()).startsWith("invariant: placed ").endsWith("-- ok");
            assertThat(printed.toString()).contains(report.invariant());
            assertThat(s.sessionsEnded()).isEqualTo(s.sessionsOpened()).isEqualTo(SESSIONS);
            assertThat(s.statesOffered()).as("%s", s)
                    .isEqualTo(s.statesSent() + s.statesCoalesced() + s.statesAbandoned());
            System.out.printf("many sessions: %d connected, all received state %d ms after the first connect;"
                            + " all closed with %d \"%s\"; %s; shop: %s%n", SESSIONS, allReceivedMs,
                    LiveShopServer.SHUTDOWN_CODE, LiveShopServer.SHUTDOWN_REASON, s, report.invariant());
        } finally {
            server.stop();
        }
    }
}
