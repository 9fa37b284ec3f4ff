package dev.crema.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

    private static String result(String bench, String library, double score, String secondary) {
        return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"dev.crema.bench.jmh." + bench + "\",\"mode\":\"thrpt\","
                + "\"forks\":1,\"jdkVersion\":\"17\",\"vmName\":\"VM\",\"measurementIterations\":3,"
                + "\"measurementTime\":\"1 s\",\"params\":{\"library\":\"" + library + "\"},"
                + "\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":\"NaN\",\"scoreUnit\":\"ops/s\","
                + "\"rawData\":[[1.0E7]]},\"secondaryMetrics\":{" + secondary + "}}";
    }

    private static Object run(double crema, double tuned) {
        return ResultsTable.Json.parse("[" + String.join(",",
                result("CountingBench.counting", "crema", crema, ""),
                result("CountingBench.counting", "pekko-default", 1e6, ""),
                result("CountingBench.counting", "pekko-tuned", tuned, ""),
                result("IdleFootprintBench.idleActors", "crema", 1,
                        "\"bytesPerActor\":{\"score\":300.0,\"scoreUnit\":\"#\",\"rawData\":[[100.0,100.0,100.0]]}"),
                result("IdleFootprintBench.idleActors", "pekko-tuned", 1,
                        "\"bytesPerActor\":{\"score\":1200.0,\"scoreUnit\":\"#\",\"rawData\":[[400.0,400.0,400.0]]}"))
                + "]");
    }

    @Test
    void ratiosAndTargetsFromMediansOfRuns() {
        // ratios are taken within each run, then the median: 3.00, 0.50, 2.50 -> 2.50
        String md = ResultsTable.render(List.of(run(3e7, 1e7), run(1e7, 2e7), run(2.5e7, 1e7)));
        assertThat(md).contains("| 2. counting | 25.00 M msg/s | 1.00 M msg/s | 10.00 M msg/s | 2.50× | ≥ 2.5× | met |");
        assertThat(md).contains("3 run(s), each score the median over the runs, each ratio the median of the same-run ratios");
    }

    @Test
    void missedTargetSaysByHowMuch() {
        String md = ResultsTable.render(List.of(run(1.5e7, 1e7)));
        assertThat(md).contains("| 1.50× | ≥ 2.5× | **not met** (ratio at 60 % of target) |");
    }

    @Test
    void footprintUsesPerIterationValuesNotTheirSum() {
        String md = ResultsTable.render(List.of(run(1e7, 1e7)));
        assertThat(md).contains("| 100 B | n/a | 400 B | 4.00× | ≤ 150 B | met |");
    }

    @Test
    void jsonReaderHandlesEscapesNumbersAndLiterals() {
        Object v = ResultsTable.Json.parse("{\"a\":[1,-2.5e3,true,false,null],\"b\":\"x\\\"\\u00b7y\"}");
        assertThat(v.toString()).isEqualTo("{a=[1.0, -2500.0, true, false, null], b=x\"\u00b7y}");
    }
}
