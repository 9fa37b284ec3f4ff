package dev.crema.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart tool reads JMH JSON and writes PNG files that decode; what they look like is not checked. */
class ChartsTest {

    private static final List<String> LIBRARIES = List.of("crema", "pekko-default", "pekko-tuned");

    private static String result(String bench, String mode, String unit, String params, String primaryExtra,
                                 double score, String secondary) {
        return String.format(Locale.ROOT, "{\"jmhVersion\":\"1.37\",\"benchmark\":\"dev.crema.bench.jmh.%s\","
                + "\"mode\":\"%s\",\"forks\":1,\"params\":{%s},\"primaryMetric\":{\"score\":%s,"
                + "\"scoreError\":\"NaN\",\"scoreUnit\":\"%s\"%s,\"rawData\":[[%s]]},\"secondaryMetrics\":{%s}}",
                bench, mode, params, score, unit, primaryExtra, score, secondary);
    }

    private static String json() {
        List<String> rs = new ArrayList<>();
        for (String lib : LIBRARIES) {
            double f = lib.equals("crema") ? 3 : 1;
            for (int idle : new int[] {1_000, 100_000, 1_000_000}) {
                rs.add(result("IdleScalingBench.withIdleActors", "thrpt", "ops/s",
                        "\"library\":\"" + lib + "\",\"idle\":\"" + idle + "\"", "", f * 1e7 / Math.log10(idle), ""));
            }
            for (int flood : new int[] {0, 4}) {
                double base = (flood + 1) * 10 / f;
                String pct = String.format(Locale.ROOT, ",\"scorePercentiles\":{\"0.0\":1.0,\"50.0\":%s,\"90.0\":%s,"
                        + "\"99.0\":%s,\"99.9\":%s,\"100.0\":%s}", base, 2 * base, 5 * base, 40 * base, 900 * base);
                rs.add(result("AskLatencyBench.askLatency", "sample", "us/op",
                        "\"library\":\"" + lib + "\",\"flood\":\"" + flood + "\"", pct, 1.5 * base, ""));
            }
            for (int actors : new int[] {10_000, 1_000_000}) {
                rs.add(result("CreateStopBench.createAndStop", "ss", "ms/op",
                        "\"library\":\"" + lib + "\",\"actors\":\"" + actors + "\"", "", actors / 1e4 / f,
                        "\"peakHeapMB\":{\"score\":900.0,\"scoreUnit\":\"#\",\"rawData\":[[300.0,300.0,300.0]]},"
                                + "\"gc.alloc.rate\":{\"score\":1.0,\"scoreUnit\":\"MB/sec\",\"rawData\":[[1.0]]}"));
            }
            for (String d : new String[] {"blocking", "virtual"}) {
                rs.add(result("BlockingBench.blockingCalls", "thrpt", "ops/s",
                        "\"library\":\"" + lib + "\",\"dispatcher\":\"" + d + "\"", "", d.equals("virtual") ? 1e6 : 6e4, ""));
            }
        }
        return "[" + String.join(",", rs) + "]";
    }

    @Test
    void writesOneDecodablePngPerBenchmarkAndCounter(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("scaling.json");
        Files.writeString(in, json());
        Path out = dir.resolve("charts");

        List<Path> written = Charts.write(List.of(in, in), out);

        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "IdleScalingBench.withIdleActors.png",
                "AskLatencyBench.askLatency.png",
                "CreateStopBench.createAndStop.png",
                "CreateStopBench.createAndStop-peakHeapMB.png",
                "BlockingBench.blockingCalls.png");
        for (Path p : written) {
            assertThat(p).exists();
            BufferedImage image = ImageIO.read(p.toFile());
            assertThat(image).as("%s decodes", p).isNotNull();
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isEqualTo(480);
        }
    }

    @Test
    void eventsCountersUseTheMedianOfTheirIterationsAndRunsTheMedianOfRuns() {
        Object doc = ResultsTable.Json.parse(json());
        ChartData.Bench b = ChartData.read(List.of(doc, doc)).get("CreateStopBench.createAndStop");
        ChartData.Point p = b.points.iterator().next();
        assertThat(b.value("peakHeapMB", "crema", p)).isEqualTo(300.0);
        assertThat(b.value("score", "pekko-tuned", p)).isEqualTo(1.0);
        assertThat(b.values).doesNotContainKey("gc.alloc.rate");
        assertThat(b.varying()).containsExactly("actors");
    }
}
