package dev.crema.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end in a real headless Chromium: the page connects, its numbers move, a button's command shows its effect.
 * Leaves a screenshot in {@code target/live-shop.png} (the README's picture is a copy of one).
 */
class BrowserTest {

    @Test
    void thePage_showsTheShopMoving_andItsButtonsWork(@TempDir Path profile) throws Exception {
        try (LiveShopServer server = LiveShopServer.start(WebSettings.defaults().withPort(0),
                new PrintStream(new ByteArrayOutputStream()), "--speed-up", "300");
             Chromedriver browser = Chromedriver.start(profile, Path.of("target", "chromedriver.log"))) {
            browser.open(server.uri());
            Await.until("the page connected", TestClient.WAIT, () -> text(browser, "#status").startsWith("connected as"),
                    () -> text(browser, "#status"));
            browser.click("#btn-open");
            Await.until("customers at the door", TestClient.WAIT, () -> number(browser, "#placed") > 0,
                    () -> text(browser, "#placed"));
            long placed = number(browser, "#placed");
            Await.until("the numbers moving", TestClient.WAIT, () -> number(browser, "#placed") > placed,
                    () -> text(browser, "#placed"));

            int baristas = browser.elements(".barista").size();
            browser.click("#btn-add-barista");
            Await.until("one more barista on the page", TestClient.WAIT,
                    () -> count(browser, ".barista") == baristas + 1, () -> count(browser, ".barista") + " baristas");
            assertThat(text(browser, "#toast")).contains("barista hired");
            Await.until("a few served", TestClient.WAIT, () -> number(browser, "#served") > 20,
                    () -> text(browser, "#served"));
            browser.screenshot(new File("target/live-shop.png"));
            System.out.println("browser: placed " + text(browser, "#placed") + ", served " + text(browser, "#served")
                    + ", baristas " + count(browser, ".barista") + "; screenshot target/live-shop.png");
        }
    }

    private static String text(Chromedriver b, String css) {
        try {
            return b.text(css);
        } catch (Exception e) {
            return "(" + e + ")";
        }
    }

    private static long number(Chromedriver b, String css) {
        String t = text(b, css).strip();
        return t.matches("\\d+") ? Long.parseLong(t) : -1;
    }

    private static int count(Chromedriver b, String css) {
        try {
            return b.elements(css).size();
        } catch (Exception e) {
            return -1;
        }
    }
}
