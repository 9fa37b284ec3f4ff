package dev.crema.examples.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test's browser: the JDK's WebSocket client, keeping every frame it receives. With {@code autoRequest} it reads
 * as fast as frames come; without, it reads only what the test {@link #request}s (WebSocket.Listener backpressure),
 * so the server sees a slow reader.
 */
final class TestClient implements WebSocket.Listener {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the connection ended. */
    record Close(int code, String reason) {}

    final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>(); // everything but state frames
    final AtomicLong states = new AtomicLong();
    final AtomicLong seqJumps = new AtomicLong();  // states the server coalesced away, as seen by the seq numbers
    final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final boolean autoRequest;
    private final StringBuilder partial = new StringBuilder();
    volatile JsonNode lastState;
    private long lastSeq;
    WebSocket ws;

    private TestClient(boolean autoRequest) {
        this.autoRequest = autoRequest;
    }

    static CompletableFuture<TestClient> connect(HttpClient http, LiveShopServer server, boolean autoRequest) {
        TestClient c = new TestClient(autoRequest);
        return http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), c)
                .thenApply(ws -> {
                    c.ws = ws;
                    return c;
                });
    }

    static TestClient open(HttpClient http, LiveShopServer server) throws Exception {
        return connect(http, server, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode n = JSON.readTree(partial.toString());
                if ("state".equals(n.path("type").asText())) {
                    long seq = n.path("seq").asLong();
                    if (lastSeq != 0 && seq > lastSeq + 1) {
                        seqJumps.addAndGet(seq - lastSeq - 1);
                    }
                    lastSeq = seq;
                    lastState = n;
                    states.incrementAndGet();
                } else {
                    answers.add(n);
                }
            } catch (Exception e) {
                closed.completeExceptionally(e);
            }
            partial.setLength(0);
        }
        if (autoRequest) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Close(1006, String.valueOf(error)));
    }

    void request(long n) {
        ws.request(n);
    }

    void send(String text) throws Exception {
        ws.sendText(text, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** {@return the next answer (not a state frame), waiting up to {@link #WAIT}} */
    JsonNode nextAnswer() throws InterruptedException {
        JsonNode n = answers.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (n == null) {
            throw new AssertionError("no answer from the server within " + WAIT);
        }
        return n;
    }

    /** Sends {@code text} and returns the answer to it. */
    JsonNode ask(String text) throws Exception {
        send(text);
        return nextAnswer();
    }
}
