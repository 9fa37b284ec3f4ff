package dev.crema.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws JMH JSON results as PNG charts (JFreeChart, headless), one per benchmark and metric, one series
 * per library; several files (repeated runs) give the median of each point.
 *
 * <pre>
 * java -cp actor-bench/target/benchmarks.jar dev.crema.bench.Charts scaling.json [more.json ...] --out DIR
 * </pre>
 *
 * <ul>
 *   <li>A numeric parameter that varies (idle actors, pairs, actors) is the x axis, logarithmic when it
 *       spans a factor of 100 or more; the y axis is logarithmic when the values do, else linear from 0.
 *       Further varying parameters give one file each.</li>
 *   <li>A sample-mode (latency) benchmark gives p50, p99 and p99.9 on a logarithmic y axis, a line per
 *       library and per parameter set (dashed for each set after the first).</li>
 *   <li>A parameter with non-numeric values (a dispatcher kind) gives grouped bars.</li>
 *   <li>Each {@code @AuxCounters} counter gets its own chart ({@code -Bench.method-counter.png});
 *       {@code -prof gc} metrics are left out.</li>
 * </ul>
 * Files are named after the benchmark ({@code IdleScalingBench.withIdleActors.png}) and overwritten.
 */
public final class Charts {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 480;

    /** Titles of the benchmarks the README shows; others are titled by their name. */
    private static final Map<String, String> TITLES = Map.of(
            "IdleScalingBench.withIdleActors", "Ping-pong (100 pairs) with idle actors alive",
            "PairsScalingBench.pairs", "Concurrent ping-pong pairs, 200 000 messages per invocation",
            "AskLatencyBench.askLatency", "Ask round trip, without and with a background flood",
            "CreateStopBench.createAndStop", "Create, message and stop N actors, all alive at once",
            "BlockingBench.blockingCalls", "10 000 actors blocking 1 ms per message",
            "BlockingNeighbourBench.pingPongNextToBlocking", "Default-dispatcher ping-pong next to blocking work");

    private static final Map<String, Color> LIBRARY_COLOURS = Map.of(
            "crema", new Color(0xB8, 0x64, 0x1E),
            "pekko-default", new Color(0x8C, 0x8C, 0x8C),
            "pekko-tuned", new Color(0x2E, 0x6D, 0xB4));

    private Charts() {
    }

    /**
     * @param args JMH JSON files, then {@code --out DIR} (default {@code actor-bench/target/charts})
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        List<Path> inputs = new ArrayList<>();
        Path out = Path.of("actor-bench", "target", "charts");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else {
                inputs.add(Path.of(args[i]));
            }
        }
        if (inputs.isEmpty()) {
            System.err.println("usage: java -cp benchmarks.jar dev.crema.bench.Charts result.json [more.json ...] [--out DIR]");
            System.exit(2);
        }
        for (Path p : write(inputs, out)) {
            System.out.println(p);
        }
    }

    /**
     * Reads JMH JSON files and writes the charts.
     *
     * @param inputs JMH JSON files ({@code -rf json}), one per run
     * @param outDir where the PNG files go (created if needed)
     * @return the files written
     * @throws IOException if a file cannot be read or written
     */
    public static List<Path> write(List<Path> inputs, Path outDir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Object> runs = new ArrayList<>();
        for (Path p : inputs) {
            runs.add(ResultsTable.Json.parse(Files.readString(p)));
        }
        Files.createDirectories(outDir);
        List<Path> written = new ArrayList<>();
        for (ChartData.Bench b : ChartData.read(runs).values()) {
            String title = TITLES.getOrDefault(b.name, b.name);
            if ("sample".equals(b.mode)) {
                written.add(save(percentiles(b, title), outDir, b.name));
            }
            for (String metric : b.values.keySet()) {
                if (metric.equals("score")) {
                    written.addAll(byParameter(b, metric, title, outDir, b.name));
                } else if (!metric.matches("p[0-9.]+")) {
                    written.addAll(byParameter(b, metric, title + ": " + metric, outDir, b.name + "-" + metric));
                }
            }
        }
        return written;
    }

    /** One chart per combination of the parameters other than the x parameter. */
    private static List<Path> byParameter(ChartData.Bench b, String metric, String title, Path outDir, String file)
            throws IOException {
        List<String> varying = b.varying();
        String x = varying.stream().filter(k -> b.points.stream().allMatch(p -> isNumber(p.params().get(k))))
                .findFirst().orElse(varying.isEmpty() ? null : varying.get(0));
        Map<String, List<ChartData.Point>> groups = new LinkedHashMap<>();
        for (ChartData.Point p : b.points) {
            String key = p.params().entrySet().stream().filter(e -> varying.contains(e.getKey()) && !e.getKey().equals(x))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        String yLabel = b.metricUnits.get(metric);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, List<ChartData.Point>> g : groups.entrySet()) {
            String suffix = g.getKey().isEmpty() ? "" : "-" + g.getKey();
            String t = title + (g.getKey().isEmpty() ? "" : " (" + g.getKey() + ")");
            boolean numeric = x != null && g.getValue().stream().allMatch(p -> isNumber(p.params().get(x)));
            JFreeChart chart = numeric ? lines(b, metric, g.getValue(), x, t, yLabel) : bars(b, metric, g.getValue(), x, t, yLabel);
            written.add(save(chart, outDir, file + suffix));
        }
        return written;
    }

    private static JFreeChart lines(ChartData.Bench b, String metric, List<ChartData.Point> points, String x, String title,
                                    String yLabel) {
        XYSeriesCollection data = new XYSeriesCollection();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (String lib : b.libraries) {
            XYSeries s = new XYSeries(lib);
            for (ChartData.Point p : points) {
                double v = b.value(metric, lib, p);
                if (!Double.isNaN(v)) {
                    s.add(Double.parseDouble(p.params().get(x)), v);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, x, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        double xMin = points.stream().mapToDouble(p -> Double.parseDouble(p.params().get(x))).min().orElse(1);
        double xMax = points.stream().mapToDouble(p -> Double.parseDouble(p.params().get(x))).max().orElse(1);
        if (xMin > 0 && xMax / xMin >= 100) {
            plot.setDomainAxis(logAxis(x));
        }
        plot.setRangeAxis(valueAxis(yLabel, lo, hi));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, colour((String) data.getSeriesKey(i), i));
            r.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(r);
        return style(chart);
    }

    private static JFreeChart bars(ChartData.Bench b, String metric, List<ChartData.Point> points, String x, String title,
                                   String yLabel) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ChartData.Point p : points) {
            String category = x == null ? label(p, b.name) : p.params().get(x);
            for (String lib : b.libraries) {
                double v = b.value(metric, lib, p);
                if (!Double.isNaN(v)) {
                    data.addValue(v, lib, category);
                }
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, x, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        ((NumberAxis) plot.getRangeAxis()).setNumberFormatOverride(compact());
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0.05);
        for (int i = 0; i < data.getRowCount(); i++) {
            r.setSeriesPaint(i, colour((String) data.getRowKey(i), i));
        }
        plot.setRenderer(r);
        return style(chart);
    }

    /** p50, p99, p99.9 as categories; a line per library and parameter set. */
    private static JFreeChart percentiles(ChartData.Bench b, String title) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<ChartData.Point> points = new ArrayList<>(b.points);
        List<String> varying = b.varying();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (ChartData.Point p : points) {
            String set = varying.stream().map(k -> k + "=" + p.params().get(k)).collect(Collectors.joining(", "));
            for (String lib : b.libraries) {
                for (String q : ChartData.PERCENTILES) {
                    String metric = "p" + q.replaceAll("\\.0$", "");
                    double v = b.value(metric, lib, p);
                    if (!Double.isNaN(v) && v > 0) {
                        data.addValue(v, set.isEmpty() ? lib : lib + " (" + set + ")", metric);
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        JFreeChart chart = ChartFactory.createLineChart(title, "percentile", b.unit, data, PlotOrientation.VERTICAL, true,
                false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        LogAxis y = logAxis(b.unit);
        if (hi > 0) {
            y.setRange(lo / 2, hi * 2);
        }
        plot.setRangeAxis(y);
        LineAndShapeRenderer r = new LineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getRowCount(); i++) {
            String key = (String) data.getRowKey(i);
            r.setSeriesPaint(i, colour(key.split(" ")[0], i));
            boolean first = !key.contains("(") || key.contains("(" + firstSet(points, varying) + ")");
            r.setSeriesStroke(i, first ? new BasicStroke(2f)
                    : new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        plot.setRenderer(r);
        return style(chart);
    }

    private static String firstSet(List<ChartData.Point> points, List<String> varying) {
        ChartData.Point p = points.get(0);
        return varying.stream().map(k -> k + "=" + p.params().get(k)).collect(Collectors.joining(", "));
    }

    private static org.jfree.chart.axis.ValueAxis valueAxis(String label, double lo, double hi) {
        if (lo > 0 && hi / lo >= 100) {
            LogAxis a = logAxis(label);
            a.setRange(lo / 2, hi * 2);
            return a;
        }
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(true);
        a.setNumberFormatOverride(compact());
        return a;
    }

    private static LogAxis logAxis(String label) {
        LogAxis a = new LogAxis(label);
        a.setBase(10);
        a.setSmallestValue(1e-9);
        a.setAutoTickUnitSelection(false);
        a.setTickUnit(new NumberTickUnit(1.0)); // a labelled tick per power of ten
        a.setNumberFormatOverride(compact());
        return a;
    }

    private static NumberFormat compact() {
        NumberFormat f = NumberFormat.getCompactNumberInstance(Locale.US, NumberFormat.Style.SHORT);
        f.setMaximumFractionDigits(1);
        return f;
    }

    private static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot p) {
            p.setDomainGridlinePaint(Color.LIGHT_GRAY);
            p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        } else if (chart.getPlot() instanceof CategoryPlot p) {
            p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        return chart;
    }

    private static Paint colour(String library, int i) {
        Color c = LIBRARY_COLOURS.get(library);
        return c != null ? c : Color.getHSBColor((i * 0.17f) % 1f, 0.6f, 0.7f);
    }

    private static String label(ChartData.Point p, String fallback) {
        return p.params().isEmpty() ? fallback
                : p.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static boolean isNumber(String s) {
        return s != null && !Double.isNaN(ChartData.num(s));
    }

    private static Path save(JFreeChart chart, Path outDir, String name) throws IOException {
        Path file = outDir.resolve(name.replaceAll("[^A-Za-z0-9._=,-]", "_") + ".png");
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }
}
