package dev.crema.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the README's quick start honest: it compiles (it is QuickStart.java), runs, and is shown verbatim. */
class QuickStartTest {

    @Test
    void quickStart_runsAndPrintsTheReplies() throws Exception {
        String out = captureStdout(() -> QuickStart.main(new String[0]));
        assertThat(out).contains("mocha: ACCEPTED", "asked: one latte, coming up", "one espresso, coming up");
    }

    @Test
    void readme_showsTheQuickStartExactly() throws Exception {
        String source = Files.readString(Path.of("src/main/java/dev/crema/examples/QuickStart.java"));
        String snippet = between(source, "// quick-start:begin\n", "    // quick-start:end").stripTrailing().stripIndent().strip();
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme).as("README.md must show QuickStart.java's snippet verbatim").contains(snippet);
    }

    static String between(String text, String begin, String end) {
        int b = text.indexOf(begin);
        int e = text.indexOf(end, b);
        assertThat(b).as("marker " + begin.strip()).isNotNegative();
        assertThat(e).as("marker " + end.strip()).isGreaterThan(b);
        return text.substring(b + begin.length(), e);
    }

    interface Body {
        void run() throws Exception;
    }

    static String captureStdout(Body body) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
