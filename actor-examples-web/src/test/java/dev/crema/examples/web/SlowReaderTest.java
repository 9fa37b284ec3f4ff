package dev.crema.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client that reads too slowly gets the newest state, never a growing queue: while its frame is in flight the
 * server coalesces (latest wins), and a frame stuck past the slow limit closes the session with 1008 and a reason.
 * The server's send buffer is made small and the tick fast, so the socket backs up within a second.
 */
class SlowReaderTest {

    private static final WebSettings FAST = WebSettings.defaults().withPort(0).withTick(Duration.ofMillis(10))
            .withSlowLimit(Duration.ofSeconds(2)).withSendBufferBytes(4096);

    @Test
    void aSlowReader_getsCoalescedStates_andTheCountsAddUp() throws Exception {
        try (LiveShopServer server = LiveShopServer.start(FAST.withSlowLimit(Duration.ofSeconds(30)), quiet(),
                "--speed-up", "2000")) {
            server.shop().openDoors();
            HttpClient http = HttpClient.newHttpClient();
            TestClient slow = TestClient.connect(http, server, false).get(20, TimeUnit.SECONDS);
            int reads = 40;
            for (int i = 0; i < reads; i++) { // one frame every 50 ms: a tick is 10 ms
                slow.request(1);
                Thread.sleep(50);
            }
            Await.until("the server to coalesce", () -> server.stats().statesCoalesced() > 0);
            WebStats s = server.stats();
            long offered = s.statesOffered();
            long sent = s.statesSent();
            long coalesced = s.statesCoalesced();
            long abandoned = s.statesAbandoned();
            assertThat(s.closedSlow()).isZero();
            // while the session is open, at most two frames are neither sent nor coalesced: one pending, one in flight
            assertThat(offered - sent - coalesced - abandoned).isBetween(0L, 2L);
            assertThat(s.maxOutbox()).as("frames held for the session at most").isLessThanOrEqualTo(
                    FAST.replyBound() + 2L);
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            System.out.printf("slow reader: %d reads in %d ms; server produced %d state frames for it: sent %d,"
                            + " coalesced %d, abandoned %d, pending or in flight %d; client saw %d states, %d skipped"
                            + " by seq; most frames held for the session %d (bound %d); heap used %d MB%n",
                    reads, reads * 50, offered, sent, coalesced, abandoned, offered - sent - coalesced - abandoned,
                    slow.states.get(), slow.seqJumps.get(), s.maxOutbox(), FAST.replyBound() + 2, heap >> 20);
            slow.request(Long.MAX_VALUE);
            server.stop();
            assertThat(slow.closed.get(20, TimeUnit.SECONDS).code()).isEqualTo(LiveShopServer.SHUTDOWN_CODE);
            assertThat(s.statesOffered()).as("%s", s)
                    .isEqualTo(s.statesSent() + s.statesCoalesced() + s.statesAbandoned());
        }
    }

    @Test
    void aReaderThatStops_isClosedAsTooSlow_withCodeAndReason() throws Exception {
        try (LiveShopServer server = LiveShopServer.start(FAST, quiet(), "--speed-up", "2000")) {
            server.shop().openDoors();
            HttpClient http = HttpClient.newHttpClient();
            TestClient stuck = TestClient.connect(http, server, false).get(20, TimeUnit.SECONDS);
            TestClient fine = TestClient.open(http, server);
            Await.until("the stuck session closed as too slow", () -> server.stats().closedSlow() == 1);
            stuck.request(Long.MAX_VALUE); // now read it all: the frames queued in the sockets, then the close frame
            TestClient.Close close = stuck.closed.get(20, TimeUnit.SECONDS);
            assertThat(close.code()).isEqualTo(SessionActor.SLOW_CODE);
            assertThat(close.reason()).startsWith("too slow: a frame waited 2000 ms to be sent");
            Await.until("the stuck session's actor stopped", () -> server.liveSessions() == 1);
            long before = fine.states.get();
            Await.until("the other session still served", () -> fine.states.get() > before);
            assertThat(fine.closed).isNotDone();
            System.out.println("stuck reader: closed with " + close.code() + " \"" + close.reason() + "\"; "
                    + server.stats());
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }
}
