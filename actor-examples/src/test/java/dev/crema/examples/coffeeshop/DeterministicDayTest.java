package dev.crema.examples.coffeeshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --deterministic}: the day runs on a manual clock, so two runs with the same seed print the same
 * report, byte for byte, whatever the machine is doing; the default mode stays on real time.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DeterministicDayTest {

    private static String report(String args) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int status = CoffeeShop.run(args.split(" "), new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String report = buffer.toString(StandardCharsets.UTF_8);
        assertThat(status).as(report).isZero();
        return report;
    }

    @Test
    void sameSeed_sameReport_byteForByte() throws Exception {
        String args = "--deterministic --customers 800 --seed 3";
        String first = report(args);
        String second = report(args);

        assertThat(second).isEqualTo(first);
        assertThat(first).contains("deterministic: a manual clock, one thread. The day lasted ",
                "Messages handled, per actor", "Lights out: shutdown: ").doesNotContain(" us ", "shutdown in");
        assertThat(first.lines().filter(l -> l.endsWith("-- ok"))).hasSize(3);
    }

    @Test
    void sameSeed_sameReport_evenWhenTheManagerGivesUp() throws Exception {
        String args = "--deterministic --customers 400 --failure-rate 0.5 --max-restarts 3 --seed 6";
        String first = report(args);

        assertThat(report(args)).isEqualTo(first);
        assertThat(first).contains("THE MANAGER GAVE UP", "the closing deadline (30m 00s) passed first");
    }

    @Test
    void anotherSeed_anotherDay() throws Exception {
        assertThat(report("--deterministic --customers 300 --seed 1"))
                .isNotEqualTo(report("--deterministic --customers 300 --seed 2"));
    }

    @Test
    void theDefaultMode_staysOnRealTime() throws Exception {
        String real = report("--customers 200 --speed-up 5000 --seed 3");

        assertThat(real).contains("speed-up 5000x. The day lasted ", "Time in handlers, per actor", "Lights out: shutdown in")
                .doesNotContain("deterministic");
    }
}
