package dev.crema.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns JMH JSON results ({@code -rf json}) into the README's markdown tables, with the ratios against
 * Pekko tuned and the targets of the benchmark issue. Given several files (repeated runs), every number is
 * the median over the files.
 *
 * <pre>
 * java -cp actor-bench/target/benchmarks.jar dev.crema.bench.ResultsTable run1.json [run2.json ...]
 * </pre>
 *
 * No dependency beyond the JDK: a minimal JSON reader is included.
 */
public final class ResultsTable {

    private static final String PKG = "dev.crema.bench.jmh.";
    private static final String NORM = "gc.alloc.rate.norm";
    /** Counters reported once per iteration whose JMH score is a sum over iterations. */
    private static final java.util.Set<String> PER_ITERATION = java.util.Set.of("bytesPerActor");

    /** Display order, names, units and targets, keyed by the benchmark's {@code Class.method}. */
    private static final Map<String, Row> ROWS = new LinkedHashMap<>();

    static {
        // the targets of round 2 (issue 14): no workload below 2.5x Pekko tuned, chameneos at least 2x
        row("PingPongBench.pingPong", "1. ping-pong", "msg/s", 2.5, 0);
        row("CountingBench.counting", "2. counting", "msg/s", 2.5, 0);
        row("FanInBench.fanIn", "3. fan-in", "msg/s", 2.5, 0);
        row("ForkJoinBench.forkJoinThroughput", "4. fork-join throughput", "msg/s", 2.5, 0);
        row("ThreadRingBench.threadRing", "5. thread ring", "msg/s", 2.5, 0);
        row("BigBench.big", "6. Savina Big", "msg/s", 2.5, 0);
        row("ChameneosBench.chameneos", "7. chameneos", "msg/s", 2, 0);
        row("CreationBench.creation", "8. actor creation", "actors/s", 3, 1_000_000);
        row("AskBench.ask", "9. ask round trip", "asks/s", 5, 0);
        row("OverloadBench.overload", "10. bounded mailbox overload (offers)", "offers/s", 0, 0);
    }

    private record Row(String name, String unit, double ratioTarget, double absTarget) {
    }

    private static void row(String bench, String name, String unit, double ratioTarget, double absTarget) {
        ROWS.put(bench, new Row(name, unit, ratioTarget, absTarget));
    }

    private ResultsTable() {
    }

    /**
     * @param args JMH JSON files
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: java -cp benchmarks.jar dev.crema.bench.ResultsTable result.json [more.json ...]");
            System.exit(2);
        }
        List<Object> runs = new ArrayList<>();
        for (String a : args) {
            runs.add(Json.parse(Files.readString(Path.of(a))));
        }
        System.out.print(render(runs));
    }

    // ---------------------------------------------------------------- model

    /** Scores of one benchmark + params (without library) per library, one entry per input file. */
    private static final class Cell {
        final Map<String, List<Double>> primary = new TreeMap<>();
        /** Primary scores by run (input file) and library, for same-run ratios. */
        final Map<Integer, Map<String, Double>> byRun = new TreeMap<>();
        final Map<String, Map<String, List<Double>>> secondary = new TreeMap<>();
        String unit;
    }

    /**
     * Renders the tables for parsed JMH JSON documents (one per run).
     *
     * @param runs parsed documents (lists of result objects)
     * @return markdown
     */
    @SuppressWarnings("unchecked")
    static String render(List<Object> runs) {
        Map<String, Cell> cells = new LinkedHashMap<>();
        Map<String, Object> first = null;
        int runIndex = 0;
        for (Object run : runs) {
            runIndex++;
            for (Object o : (List<Object>) run) {
                Map<String, Object> r = (Map<String, Object>) o;
                if (first == null) {
                    first = r;
                }
                String bench = ((String) r.get("benchmark")).replace(PKG, "");
                Map<String, Object> params = r.get("params") == null ? Map.of() : (Map<String, Object>) r.get("params");
                String library = String.valueOf(params.getOrDefault("library", "?"));
                StringBuilder key = new StringBuilder(bench);
                params.entrySet().stream().filter(e -> !e.getKey().equals("library"))
                        .forEach(e -> key.append(' ').append(e.getKey()).append('=').append(e.getValue()));
                Cell c = cells.computeIfAbsent(key.toString(), k -> new Cell());
                Map<String, Object> pm = (Map<String, Object>) r.get("primaryMetric");
                c.unit = (String) pm.get("scoreUnit");
                c.primary.computeIfAbsent(library, l -> new ArrayList<>()).add(num(pm.get("score")));
                c.byRun.computeIfAbsent(runIndex, i -> new TreeMap<>()).put(library, num(pm.get("score")));
                Map<String, Object> sec = r.get("secondaryMetrics") == null ? Map.of()
                        : (Map<String, Object>) r.get("secondaryMetrics");
                for (Map.Entry<String, Object> e : sec.entrySet()) {
                    Map<String, Object> metric = (Map<String, Object>) e.getValue();
                    List<Double> into = c.secondary.computeIfAbsent(e.getKey(), k -> new TreeMap<>())
                            .computeIfAbsent(library, l -> new ArrayList<>());
                    if (PER_ITERATION.contains(e.getKey()) && metric.get("rawData") instanceof List<?> forks) {
                        // an EVENTS counter is summed over iterations: take each iteration's own value
                        for (Object fork : forks) {
                            for (Object v : (List<Object>) fork) {
                                into.add(num(v));
                            }
                        }
                    } else {
                        into.add(num(metric.get("score")));
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder();
        if (first != null) {
            out.append(String.format(Locale.ROOT, "JDK %s (%s), JMH %s, %s fork(s) x %s measurement iteration(s) of %s; "
                            + "%d run(s)%s.%n%n", first.get("jdkVersion"), first.get("vmName"), first.get("jmhVersion"),
                    intOf(first.get("forks")), intOf(first.get("measurementIterations")), first.get("measurementTime"),
                    runs.size(),
                    runs.size() > 1 ? ", each score the median over the runs, each ratio the median of the same-run ratios"
                            : ""));
        }
        out.append("| Workload | Crema | Pekko default | Pekko tuned | Crema / Pekko tuned | Target | Met? |\n");
        out.append("|---|---:|---:|---:|---:|---|---|\n");
        for (Map.Entry<String, Row> rowDef : ROWS.entrySet()) {
            for (Map.Entry<String, Cell> e : cells.entrySet()) {
                if (!e.getKey().split(" ")[0].equals(rowDef.getKey())) {
                    continue;
                }
                Row row = rowDef.getValue();
                Cell c = e.getValue();
                double crema = median(c.primary.get("crema"));
                double def = median(c.primary.get("pekko-default"));
                double tuned = median(c.primary.get("pekko-tuned"));
                double ratio = sameRunRatio(c, "crema", "pekko-tuned");
                String params = paramsOf(e.getKey());
                out.append("| ").append(row.name()).append(params.isEmpty() ? "" : " (" + params + ")")
                        .append(" | ").append(rate(crema, row.unit()))
                        .append(" | ").append(rate(def, row.unit()))
                        .append(" | ").append(rate(tuned, row.unit()))
                        .append(" | ").append(Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f\u00d7", ratio))
                        .append(" | ").append(target(row))
                        .append(" | ").append(met(row, crema, ratio))
                        .append(" |\n");
            }
        }
        appendOverload(out, cells);
        appendFootprint(out, cells);
        appendAllocation(out, cells);
        return out.toString();
    }

    /** The median over runs of numerator / denominator within each run (same-run ratios). */
    private static double sameRunRatio(Cell c, String numerator, String denominator) {
        List<Double> ratios = new ArrayList<>();
        for (Map<String, Double> run : c.byRun.values()) {
            Double n = run.get(numerator);
            Double d = run.get(denominator);
            if (n != null && d != null) {
                ratios.add(n / d);
            }
        }
        return median(ratios);
    }

    private static String paramsOf(String key) {
        int sp = key.indexOf(' ');
        return sp < 0 ? "" : key.substring(sp + 1).replace(' ', ',').replace(",", ", ");
    }

    private static String target(Row row) {
        if (row.ratioTarget() == 0) {
            return "\u2014";
        }
        String t = String.format(Locale.ROOT, "\u2265 %s\u00d7", trim(row.ratioTarget()));
        if (row.absTarget() > 0) {
            t += ", \u2265 " + rate(row.absTarget(), row.unit());
        }
        return t;
    }

    private static String met(Row row, double crema, double ratio) {
        if (row.ratioTarget() == 0 || Double.isNaN(ratio)) {
            return "\u2014";
        }
        List<String> misses = new ArrayList<>();
        if (ratio < row.ratioTarget()) {
            misses.add(String.format(Locale.ROOT, "ratio at %.0f %% of target", 100 * ratio / row.ratioTarget()));
        }
        if (row.absTarget() > 0 && crema < row.absTarget()) {
            misses.add(String.format(Locale.ROOT, "rate at %.0f %% of target", 100 * crema / row.absTarget()));
        }
        return misses.isEmpty() ? "met" : "**not met** (" + String.join("; ", misses) + ")";
    }

    private static void appendOverload(StringBuilder out, Map<String, Cell> cells) {
        for (Map.Entry<String, Cell> e : cells.entrySet()) {
            if (!e.getKey().startsWith("OverloadBench.overload")) {
                continue;
            }
            Cell c = e.getValue();
            out.append("\nBounded mailbox under overload (").append(paramsOf(e.getKey()))
                    .append("): offers split into accepted and rejected; lost must be 0.\n\n");
            out.append("| Library | offers/s | accepted/s | rejected/s | lost |\n|---|---:|---:|---:|---:|\n");
            for (String lib : List.of("crema", "pekko-default", "pekko-tuned")) {
                out.append("| ").append(lib)
                        .append(" | ").append(rate(median(c.primary.get(lib)), ""))
                        .append(" | ").append(rate(secondary(c, "accepted", lib), ""))
                        .append(" | ").append(rate(secondary(c, "rejected", lib), ""))
                        .append(" | ").append(fmt(secondary(c, "lost", lib), 0))
                        .append(" |\n");
            }
        }
    }

    private static void appendFootprint(StringBuilder out, Map<String, Cell> cells) {
        for (Map.Entry<String, Cell> e : cells.entrySet()) {
            if (!e.getKey().startsWith("IdleFootprintBench.idleActors")) {
                continue;
            }
            Cell c = e.getValue();
            double crema = secondary(c, "bytesPerActor", "crema");
            double tuned = secondary(c, "bytesPerActor", "pekko-tuned");
            String params = paramsOf(e.getKey());
            out.append("\n11a. Heap bytes per idle actor (").append(params.isEmpty() ? "" : params + "; ")
                    .append("GC-stabilised heap delta; median over all measurement iterations).\n\n");
            out.append("| Crema | Pekko default | Pekko tuned | Pekko tuned / Crema | Target | Met? |\n");
            out.append("|---:|---:|---:|---:|---|---|\n");
            out.append("| ").append(bytes(crema))
                    .append(" | ").append(bytes(secondary(c, "bytesPerActor", "pekko-default")))
                    .append(" | ").append(bytes(tuned))
                    .append(" | ").append(Double.isNaN(tuned / crema) ? "n/a"
                            : String.format(Locale.ROOT, "%.2f\u00d7", tuned / crema))
                    .append(" | \u2264 150 B | ")
                    .append(crema <= 150 ? "met" : String.format(Locale.ROOT, "**not met** (%.0f B over)", crema - 150))
                    .append(" |\n");
        }
    }

    private static void appendAllocation(StringBuilder out, Map<String, Cell> cells) {
        boolean any = cells.values().stream().anyMatch(c -> c.secondary.containsKey(NORM));
        if (!any) {
            return;
        }
        out.append("\n11b. Bytes allocated per operation (`-prof gc`, gc.alloc.rate.norm; all threads, the "
                + "messages themselves included).\n\n");
        out.append("| Workload | Crema | Pekko default | Pekko tuned |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, Row> rowDef : ROWS.entrySet()) {
            for (Map.Entry<String, Cell> e : cells.entrySet()) {
                Cell c = e.getValue();
                if (!e.getKey().split(" ")[0].equals(rowDef.getKey()) || !c.secondary.containsKey(NORM)) {
                    continue;
                }
                out.append("| ").append(rowDef.getValue().name())
                        .append(" | ").append(fmt(secondary(c, NORM, "crema"), 1))
                        .append(" | ").append(fmt(secondary(c, NORM, "pekko-default"), 1))
                        .append(" | ").append(fmt(secondary(c, NORM, "pekko-tuned"), 1))
                        .append(" |\n");
            }
        }
    }

    // ---------------------------------------------------------------- numbers

    private static double secondary(Cell c, String metric, String lib) {
        Map<String, List<Double>> m = c.secondary.get(metric);
        return m == null ? Double.NaN : median(m.get(lib));
    }

    static double median(List<Double> xs) {
        if (xs == null || xs.isEmpty()) {
            return Double.NaN;
        }
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    private static double num(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(o));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static String rate(double v, String unit) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        String u = unit.isEmpty() ? "" : " " + unit;
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M%s", v / 1e6, u);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k%s", v / 1e3, u);
        }
        return String.format(Locale.ROOT, "%.1f%s", v, u);
    }

    private static String bytes(double v) {
        return Double.isNaN(v) ? "n/a" : fmt(v, 0) + " B";
    }

    private static String intOf(Object o) {
        return o instanceof Number n ? String.valueOf(n.longValue()) : String.valueOf(o);
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    // ---------------------------------------------------------------- a minimal JSON reader

    /** Objects become {@link LinkedHashMap}s, arrays {@link ArrayList}s, numbers {@link Double}s. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json j = new Json(text);
            Object v = j.value();
            j.ws();
            if (j.i != j.s.length()) {
                throw j.error("trailing characters");
            }
            return v;
        }

        private Object value() {
            ws();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            ws();
            if (peek() == '}') {
                i++;
                return m;
            }
            for (;;) {
                ws();
                String k = string();
                ws();
                expect(':');
                m.put(k, value());
                ws();
                if (peek() == ',') {
                    i++;
                } else {
                    expect('}');
                    return m;
                }
            }
        }

        private List<Object> array() {
            List<Object> l = new ArrayList<>();
            i++;
            ws();
            if (peek() == ']') {
                i++;
                return l;
            }
            for (;;) {
                l.add(value());
                ws();
                if (peek() == ',') {
                    i++;
                } else {
                    expect(']');
                    return l;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            for (;;) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
        }

        private Double number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw error("unexpected character '" + s.charAt(i) + "'");
            }
            return Double.valueOf(s.substring(start, i));
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) {
                throw error("expected " + word);
            }
            i += word.length();
            return v;
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at offset " + i);
        }
    }
}
