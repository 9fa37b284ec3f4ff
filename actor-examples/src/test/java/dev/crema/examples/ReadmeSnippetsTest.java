package dev.crema.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet in the README exists verbatim (up to indentation) in a source file of this module, or,
 * for the example test of "Testing your actors", in actor-testkit's tests (where it also runs), so CI
 * compiles what the README shows.
 */
class ReadmeSnippetsTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaSnippetInTheReadme_isCompiledCode() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String sources = sources(Path.of("src/main/java")) + "\n" + sources(TESTKIT_TESTS);
        List<String> snippets = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(readme);
        while (m.find()) {
            snippets.add(m.group(1));
        }

        assertThat(snippets).isNotEmpty();
        for (String snippet : snippets) {
            assertThat(sources).as("README snippet not found in actor-examples sources or actor-testkit tests:%n%s", snippet)
                    .contains(normalize(snippet));
        }
    }

    /** The example test of "Testing your actors" is one of actor-testkit's tests, compiled and run there. */
    @Test
    void theTestingExample_isATestOfActorTestkit() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher m = JAVA_BLOCK.matcher(readme.substring(readme.indexOf("## Testing your actors")));
        assertThat(m.find()).as("a Java block in the section").isTrue();
        assertThat(m.group(1)).contains("@RegisterExtension", "TestProbe", "kit.advance", "ActorHarness");
        assertThat(sources(TESTKIT_TESTS)).as("the example test in actor-testkit's tests").contains(normalize(m.group(1)));
    }

    private static final Path TESTKIT_TESTS = Path.of("../actor-testkit/src/test/java");

    private static String sources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).map(ReadmeSnippetsTest::read)
                    .map(ReadmeSnippetsTest::normalize).collect(Collectors.joining("\n"));
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Strips each line's indentation and drops blank lines, so nesting depth does not matter. */
    private static String normalize(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
