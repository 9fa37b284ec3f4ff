package dev.crema.examples.web;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium, driven through chromedriver's W3C WebDriver HTTP API with the JDK's HTTP client (no
 * Selenium: five endpoints are all a test needs). Without {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}
 * the test is skipped with one loud line, unless {@code -Dcrema.browser.required=true} (CI) makes that a failure.
 */
final class Chromedriver implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String session;

    private Chromedriver(Path profile, Path log) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        process = new ProcessBuilder(DRIVER.toString(), "--port=" + port).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        base = "http://127.0.0.1:" + port;
        Await.until("chromedriver ready", TestClient.WAIT, this::ready, () -> "see " + log);
        ObjectNode caps = JSON.createObjectNode();
        ObjectNode chrome = caps.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome")
                .putObject("goog:chromeOptions").put("binary", CHROMIUM.toString());
        for (String arg : List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--window-size=1400,900", "--user-data-dir=" + profile)) {
            chrome.withArray("args").add(arg);
        }
        session = call("POST", "/session", caps).path("sessionId").asText();
    }

    /** Starts chromedriver and a browser session, or skips (fails, if required) when they are not installed. */
    static Chromedriver start(Path profile, Path log) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String line = "NO CHROMIUM (" + CHROMIUM + ", " + DRIVER + "): the browser test is SKIPPED. Install Debian's"
                    + " `sudo apt-get install chromium chromium-driver`.";
            if (Boolean.getBoolean("crema.browser.required")) {
                fail(line + " (crema.browser.required=true: failing)");
            }
            System.err.println("=== " + line);
            Assumptions.abort(line);
        }
        return new Chromedriver(profile, log);
    }

    private boolean ready() {
        try {
            return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("value").path("ready").asBoolean();
        } catch (Exception e) {
            return false;
        }
    }

    void open(URI page) throws Exception {
        call("POST", "/session/" + session + "/url", JSON.createObjectNode().put("url", page.toString()));
    }

    List<String> elements(String css) throws Exception {
        JsonNode found = call("POST", "/session/" + session + "/elements",
                JSON.createObjectNode().put("using", "css selector").put("value", css));
        return found.findValuesAsText(ELEMENT);
    }

    String text(String css) throws Exception {
        List<String> ids = elements(css);
        return ids.isEmpty() ? "" : call("GET", "/session/" + session + "/element/" + ids.get(0) + "/text", null).asText();
    }

    void click(String css) throws Exception {
        call("POST", "/session/" + session + "/element/" + elements(css).get(0) + "/click", JSON.createObjectNode());
    }

    void screenshot(File png) throws Exception {
        Files.write(png.toPath(), Base64.getDecoder().decode(call("GET", "/session/" + session + "/screenshot", null)
                .asText()));
    }

    private JsonNode call(String method, String path, JsonNode body) throws Exception {
        HttpRequest.Builder rq = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        HttpResponse<String> r = http.send(rq.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("value");
    }

    @Override
    public void close() throws java.io.IOException {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new java.io.IOException("chromedriver did not end its session: " + e, e);
        } finally {
            process.destroy();
            try {
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
