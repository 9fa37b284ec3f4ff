package dev.crema.examples.coffeeshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The program's surface: options, help, exit status, the report on a pipe. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandLineTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void help_printsEveryOptionWithItsDefault_andExitsZero() throws Exception {
        assertThat(CoffeeShop.run(new String[] {"--help"}, out)).isZero();

        assertThat(output()).contains("usage: coffee-shop", "--customers N", "[3000]", "--arrival-rate R",
                "--baristas N", "--brew-time T", "[1m]", "--failure-rate P", "--patience T", "--retry-limit N",
                "--cashier-mailbox N", "--queue-capacity N", "--speed-up X", "--seed N", "--duration T", "--deterministic",
                "--till-freeze T", "--help");
    }

    @Test
    void badCommandLine_saysWhatIsWrong_andExitsTwo() throws Exception {
        assertThat(CoffeeShop.run(new String[] {"--frobnicate", "1"}, out)).isEqualTo(2);
        assertThat(CoffeeShop.run(new String[] {"--failure-rate", "2"}, out)).isEqualTo(2);
        assertThat(CoffeeShop.run(new String[] {"--customers"}, out)).isEqualTo(2);

        assertThat(output()).contains("unknown option '--frobnicate'", "--failure-rate must be a number from 0 to 1, got '2'",
                "--customers needs a value", "(try --help)");
    }

    @Test
    void shortDay_printsTheReportWithTheInvariant_andNoProgressLineOnAPipe() throws Exception {
        int status = CoffeeShop.run(new String[] {"--customers", "200", "--speed-up=5000", "--seed", "11"}, out);

        assertThat(status).as(output()).isZero();
        assertThat(output()).contains("Crema coffee shop, seed 11: 200 customers", "Customers", "Kitchen",
                "Time in handlers, per actor", "order-queue", "manager/barista-1", "Dead letters, by reason",
                "Lights out: shutdown in", "invariant: placed 200 = served ", "answers:   taken ",
                "dead letters: ").doesNotContain("\r", "FAILED --");
        assertThat(output().lines().filter(l -> l.endsWith("-- ok"))).hasSize(3);
    }

    @Test
    void options_acceptBothSpellingsAndTimeUnits() {
        Options o = Options.parse("--patience=90s", "--brew-time", "1500ms", "--duration", "2h", "--closing", "8m",
                "--speed-up", "100", "--failure-rate", "0.25", "--seed", "-3");

        assertThat(o.patience()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.brewTime()).isEqualTo(Duration.ofMillis(1500));
        assertThat(o.duration()).isEqualTo(Duration.ofHours(2));
        assertThat(o.closing()).isEqualTo(Duration.ofMinutes(8));
        assertThat(o.speedUp()).isEqualTo(100.0);
        assertThat(o.failureRate()).isEqualTo(0.25);
        assertThat(o.seed()).isEqualTo(-3);
        assertThat(o.customers()).isEqualTo(Options.defaults().customers());
        assertThat(Options.parse()).isEqualTo(Options.defaults());
        assertThat(Options.parse("--seed", "1", "--help")).as("--help wins").isNull();
        assertThat(Options.parse("--deterministic", "--seed", "5").deterministic()).as("a flag, no value").isTrue();
        assertThat(Options.parse("--deterministic=false").deterministic()).isFalse();
        assertThat(Options.defaults().deterministic()).isFalse();
    }

    @Test
    void options_refuseNonsense() {
        assertThatThrownBy(() -> Options.parse("--baristas", "0")).hasMessageContaining("--baristas");
        assertThatThrownBy(() -> Options.parse("--patience", "soon"))
                .hasMessage("--patience must be a time such as 90s, 1500ms, 8m or 2h, got 'soon'");
        // one shape for every range: the same words whether the number is too small, negative or too large
        assertThatThrownBy(() -> Options.parse("--customers", "-5"))
                .hasMessage("--customers must be a whole number from 1 to 10000000, got '-5'");
        assertThatThrownBy(() -> Options.parse("--customers", "0"))
                .hasMessage("--customers must be a whole number from 1 to 10000000, got '0'");
        assertThatThrownBy(() -> Options.parse("--customers", "many"))
                .hasMessage("--customers must be a whole number from 1 to 10000000, got 'many'");
        assertThatThrownBy(() -> Options.parse("--brew-time", "0"))
                .hasMessage("--brew-time must be a time such as 90s, 1500ms, 8m or 2h, at least 1ms, got '0'");
        assertThatThrownBy(() -> Options.parse("latte")).hasMessageContaining("unexpected argument 'latte'");
        assertThatThrownBy(() -> Options.parse("--deterministic=maybe"))
                .hasMessage("--deterministic must be given alone, or as --deterministic=true or =false, got 'maybe'");
    }

    @Test
    void tokenBucket_letsABurstIn_thenOnlyTheRate() {
        long minute = Duration.ofMinutes(1).toNanos();
        TokenBucket door = new TokenBucket(6, 3, 0);     // 6 a minute: one every 10 s; burst 3

        assertThat(door.tryTake(0)).isTrue();
        assertThat(door.tryTake(0)).isTrue();
        assertThat(door.tryTake(0)).isTrue();
        assertThat(door.tryTake(0)).as("burst spent").isFalse();
        assertThat(door.tryTake(minute / 6 - 1)).as("just before the next token").isFalse();
        assertThat(door.tryTake(minute / 6)).isTrue();
        assertThat(door.tryTake(10 * minute)).isTrue();
        assertThat(door.tryTake(10 * minute)).isTrue();
        assertThat(door.tryTake(10 * minute)).isTrue();
        assertThat(door.tryTake(10 * minute)).as("never more than the burst saved up").isFalse();
    }

    @Test
    void burntBrews_dependOnlyOnSeedOrderAndAttempt() {
        Slip first = new Slip(17, Drink.LATTE, null, 1);
        boolean burns = Barista.burns(42, 0.5, first);

        assertThat(Barista.burns(42, 0.5, new Slip(17, Drink.MOCHA, null, 1))).isEqualTo(burns);
        assertThat(Barista.burns(42, 0, first)).isFalse();
        assertThat(Barista.burns(42, 1, first)).isTrue();
        long burnt = java.util.stream.IntStream.range(0, 10_000)
                .filter(c -> Barista.burns(7, 0.1, new Slip(c, Drink.LATTE, null, 1))).count();
        assertThat(burnt).as("about 10%% of 10000").isBetween(850L, 1150L);
    }
}
