package dev.crema.examples.coffeeshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The soak command's plumbing, on two tiny days (the real soak runs for minutes and is not part of CI). */
class SoakTest {

    @Test
    void soak_runsDaysBackToBack_checksEachOne_andReportsTheHeap() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int status = Soak.run(new String[] {"--days", "2", "--customers", "200", "--speed-up", "50000"},
                new PrintStream(buffer, true, StandardCharsets.UTF_8));

        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("day   1  seed 1000", "day   2  seed 1001", "soak: 2 days, 400 customers");
        assertThat(status).as(out).isZero();
    }

    @Test
    void soak_refusesABadOption() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int status = Soak.run(new String[] {"--days", "1", "--nonsense", "1"}, new PrintStream(buffer, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("soak:", "nonsense");
    }
}
