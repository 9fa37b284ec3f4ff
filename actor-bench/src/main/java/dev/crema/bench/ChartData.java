package dev.crema.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The numbers one chart draws, read from JMH JSON documents: for one benchmark and one metric (the
 * primary score, a percentile of a sample-mode score, or a secondary metric such as an
 * {@code @AuxCounters} counter), the value of each library at each point, a point being the benchmark's
 * other parameters. Given several documents (repeated runs), a value is the median over them.
 *
 * <p>Counters of type {@code EVENTS} (unit {@code #}) are summed over iterations by JMH; for them the
 * median of the per-iteration values in {@code rawData} is taken instead, as {@link ResultsTable} does.
 */
final class ChartData {

    /** The percentiles drawn for sample-mode (latency) benchmarks, as JMH names them. */
    static final List<String> PERCENTILES = List.of("50.0", "99.0", "99.9");

    private static final String PKG = "dev.crema.bench.jmh.";

    /** What a point is: every parameter except {@code library}, in the JSON's order. */
    record Point(Map<String, String> params) {
    }

    /** One benchmark method's results. */
    static final class Bench {
        final String name;
        String mode;
        String unit;
        final Set<String> libraries = new LinkedHashSet<>();
        final Set<Point> points = new LinkedHashSet<>();
        /** metric -> library -> point -> values (one per run) */
        final Map<String, Map<String, Map<Point, List<Double>>>> values = new LinkedHashMap<>();
        final Map<String, String> metricUnits = new LinkedHashMap<>();

        Bench(String name) {
            this.name = name;
        }

        void add(String metric, String unit, String library, Point p, double v) {
            if (!Double.isNaN(v)) {
                metricUnits.putIfAbsent(metric, unit);
                values.computeIfAbsent(metric, m -> new TreeMap<>()).computeIfAbsent(library, l -> new LinkedHashMap<>())
                        .computeIfAbsent(p, q -> new ArrayList<>()).add(v);
            }
        }

        /** @return the median over runs, or NaN if this library has no value there */
        double value(String metric, String library, Point p) {
            List<Double> v = values.getOrDefault(metric, Map.of()).getOrDefault(library, Map.of()).get(p);
            return v == null ? Double.NaN : median(v);
        }

        /** @return the parameters that take more than one value over the points */
        List<String> varying() {
            Map<String, Set<String>> seen = new LinkedHashMap<>();
            for (Point p : points) {
                p.params().forEach((k, v) -> seen.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
            }
            List<String> out = new ArrayList<>();
            seen.forEach((k, v) -> {
                if (v.size() > 1) {
                    out.add(k);
                }
            });
            return out;
        }
    }

    private ChartData() {
    }

    /**
     * @param runs parsed JMH JSON documents (lists of result objects)
     * @return the benchmarks, in the order first seen
     */
    @SuppressWarnings("unchecked")
    static Map<String, Bench> read(List<Object> runs) {
        Map<String, Bench> benches = new LinkedHashMap<>();
        for (Object run : runs) {
            for (Object o : (List<Object>) run) {
                Map<String, Object> r = (Map<String, Object>) o;
                String name = ((String) r.get("benchmark")).replace(PKG, "");
                Bench b = benches.computeIfAbsent(name, Bench::new);
                b.mode = (String) r.get("mode");
                Map<String, Object> params = r.get("params") == null ? Map.of() : (Map<String, Object>) r.get("params");
                String library = String.valueOf(params.getOrDefault("library", "?"));
                Map<String, String> rest = new LinkedHashMap<>();
                params.forEach((k, v) -> {
                    if (!k.equals("library")) {
                        rest.put(k, String.valueOf(v));
                    }
                });
                Point p = new Point(rest);
                b.libraries.add(library);
                b.points.add(p);
                Map<String, Object> pm = (Map<String, Object>) r.get("primaryMetric");
                b.unit = (String) pm.get("scoreUnit");
                if ("sample".equals(b.mode) && pm.get("scorePercentiles") instanceof Map<?, ?> pct) {
                    for (String q : PERCENTILES) {
                        b.add("p" + trim(q), b.unit, library, p, num(pct.get(q)));
                    }
                } else {
                    b.add("score", b.unit, library, p, num(pm.get("score")));
                }
                Map<String, Object> sec = r.get("secondaryMetrics") == null ? Map.of()
                        : (Map<String, Object>) r.get("secondaryMetrics");
                sec.forEach((metric, m) -> {
                    if (!metric.startsWith("gc.") && !metric.startsWith("\u00b7")) {
                        Map<String, Object> mm = (Map<String, Object>) m;
                        String unit = (String) mm.get("scoreUnit");
                        b.add(metric, unit, library, p, "#".equals(unit) ? medianOfRaw(mm.get("rawData")) : num(mm.get("score")));
                    }
                });
            }
        }
        return benches;
    }

    private static double medianOfRaw(Object raw) {
        List<Double> all = new ArrayList<>();
        if (raw instanceof List<?> forks) {
            for (Object fork : forks) {
                if (fork instanceof List<?> its) {
                    its.forEach(v -> all.add(num(v)));
                }
            }
        }
        return all.isEmpty() ? Double.NaN : median(all);
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double num(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static String trim(String q) {
        return q.endsWith(".0") ? q.substring(0, q.length() - 2) : q;
    }
}
