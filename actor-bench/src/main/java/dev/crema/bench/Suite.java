package dev.crema.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite in one command, writes one JMH JSON file and prints the markdown table.
 *
 * <pre>
 * java -cp actor-bench/target/benchmarks.jar dev.crema.bench.Suite quick [--out FILE] [JMH options]
 * java -cp actor-bench/target/benchmarks.jar dev.crema.bench.Suite full  [--out FILE] [JMH options]
 * java -cp actor-bench/target/benchmarks.jar dev.crema.bench.Suite scaling [--out FILE] [JMH options]
 * </pre>
 *
 * <ul>
 *   <li>{@code quick} (about 4.5 minutes on 2 cores): the throughput benchmarks with
 *       {@code -f 1 -wi 4 -w 1s -i 3 -r 1s}, the idle-actor footprint with {@code -f 1 -wi 0 -i 3}
 *       (a footprint shot does not depend on the JIT, and each shot warms up inside).</li>
 *   <li>{@code full} (about 20 minutes): the settings in the benchmarks' annotations (2 forks, 8 x 1 s
 *       warm-up, 5 x 2 s measurement; footprint 2 forks x 5 shots).</li>
 *   <li>{@code scaling} (about 18 minutes on 2 cores, half of it the million-actor Pekko shots): only the
 *       scaling and blocking benchmarks of issue 14 ({@link #SCALING} and {@link #CREATE_STOP}, which
 *       {@code quick} and {@code full} leave out), with {@code -f 1 -wi 3 -w 1s -i 3 -r 1s}, the
 *       create-and-stop shots with {@code -f 1 -wi 1 -i 3}; then the charts ({@link Charts}) in a folder
 *       next to the JSON. On a JDK older than 21 the virtual-thread variants are left out
 *       ({@code -p dispatcher=blocking -p load=none,blocking}) unless those parameters are given.</li>
 * </ul>
 * Further arguments are JMH's own (a benchmark regex, {@code -p window=1,100}, {@code -prof gc}, ...);
 * explicit fork/iteration options override the preset. The JSON goes to {@code --out}, by default
 * {@code actor-bench/target/results/<mode>-<timestamp>.json}.
 */
public final class Suite {

    private static final String FOOTPRINT = "IdleFootprintBench";

    /** The scaling preset's time-based benchmarks; {@code quick} and {@code full} leave them out. */
    static final List<String> SCALING = List.of("IdleScalingBench", "PairsScalingBench", "AskLatencyBench",
            "BlockingBench", "BlockingNeighbourBench");

    /** The scaling preset's single-shot benchmark. */
    static final String CREATE_STOP = "CreateStopBench";

    /** Needs a RabbitMQ broker, so no preset runs it: see the README's "Remote" section. */
    static final String REMOTE = "RemoteBench";

    /**
     * Crema alone, observed in different ways (JFR, turn timing, snapshots): no preset runs them, they are not
     * a comparison of libraries; see the README's "Observability cost" section.
     */
    static final List<String> OBSERVABILITY = List.of("ObservabilityCostBench", "InspectBench");

    private Suite() {
    }

    /**
     * @param args {@code quick|full}, then {@code --out FILE} and JMH options
     * @throws Exception if JMH fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !List.of("quick", "full", "scaling").contains(args[0])) {
            System.err.println("usage: java -cp benchmarks.jar dev.crema.bench.Suite quick|full|scaling [--out FILE] [JMH options]");
            System.exit(2);
        }
        boolean quick = args[0].equals("quick");
        boolean scaling = args[0].equals("scaling");
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        Path out = null;
        int o = rest.indexOf("--out");
        if (o >= 0) {
            out = Path.of(rest.get(o + 1));
            rest.remove(o + 1);
            rest.remove(o);
        }
        if (out == null) {
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            out = Path.of("actor-bench", "target", "results", args[0] + "-" + stamp + ".json");
        }
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(rest.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        List<String> include = cli.getIncludes().isEmpty() ? List.of(".*") : cli.getIncludes();

        List<RunResult> results = scaling ? scaling(cli, include) : throughputAndFootprint(cli, include, quick);

        Files.createDirectories(out.toAbsolutePath().getParent());
        writeJson(results, out);
        System.out.println();
        System.out.println("JMH JSON: " + out);
        System.out.println();
        if (scaling) {
            String name = out.getFileName().toString().replaceFirst("\\.json$", "");
            Path charts = out.toAbsolutePath().getParent().resolve(name + "-charts");
            System.out.println("charts (java -cp benchmarks.jar dev.crema.bench.Charts " + out + " --out DIR):");
            for (Path p : Charts.write(List.of(out), charts)) {
                System.out.println("  " + p);
            }
        } else {
            System.out.print(ResultsTable.render(List.of(ResultsTable.Json.parse(Files.readString(out)))));
        }
    }

    private static List<RunResult> throughputAndFootprint(CommandLineOptions cli, List<String> include, boolean quick)
            throws Exception {
        List<RunResult> results = new ArrayList<>();
        // 1. the throughput benchmarks (without the scaling preset's, nor the remote one)
        ChainedOptionsBuilder throughput = new OptionsBuilder().parent(cli).exclude(FOOTPRINT).exclude(CREATE_STOP)
                .exclude(REMOTE);
        SCALING.forEach(throughput::exclude);
        OBSERVABILITY.forEach(throughput::exclude);
        include.forEach(throughput::include);
        if (quick) {
            preset(throughput, cli, 1, 4, 3);
        }
        results.addAll(runIfAny(throughput));
        // 2. the idle-actor footprint (single shots)
        if (selects(include, FOOTPRINT, "idleActors")) {
            ChainedOptionsBuilder footprint = only(cli, FOOTPRINT);
            if (quick) {
                preset(footprint, cli, 1, 0, 3);
            }
            results.addAll(runIfAny(footprint));
        }
        return results;
    }

    private static List<RunResult> scaling(CommandLineOptions cli, List<String> include) throws Exception {
        List<RunResult> results = new ArrayList<>();
        boolean oldJdk = Runtime.version().feature() < 21;
        if (oldJdk) {
            System.out.println("JDK " + Runtime.version().feature() + ": the virtual-thread variants need JDK 21+ and are"
                    + " left out (-p dispatcher=blocking -p load=none,blocking)");
        }
        // 1. the time-based scaling benchmarks
        ChainedOptionsBuilder timed = only(cli, String.join("|", SCALING));
        if (oldJdk && !cli.getParameter("dispatcher").hasValue()) {
            timed.param("dispatcher", "blocking");
        }
        if (oldJdk && !cli.getParameter("load").hasValue()) {
            timed.param("load", "none", "blocking");
        }
        preset(timed, cli, 1, 3, 3);
        results.addAll(runIfAny(timed));
        // 2. creation and stop (single shots)
        if (selects(include, CREATE_STOP, "createAndStop")) {
            ChainedOptionsBuilder shots = only(cli, CREATE_STOP);
            preset(shots, cli, 1, 1, 3);
            results.addAll(runIfAny(shots));
        }
        return results;
    }

    /** Whether one of the include patterns selects the benchmark class (by class or full method name). */
    private static boolean selects(List<String> include, String bench, String method) {
        return include.stream().anyMatch(r -> bench.matches(".*" + r + ".*")
                || ("dev.crema.bench.jmh." + bench + "." + method).matches(".*" + r + ".*"));
    }

    /**
     * Options that run, of the benchmarks the command line selects (all if it names none), only those whose
     * name matches {@code classes} (a regex alternative).
     */
    private static ChainedOptionsBuilder only(CommandLineOptions cli, String classes) {
        // includes add up with the parent's, so the command line's stay the selection; exclude everything else
        ChainedOptionsBuilder b = new OptionsBuilder().parent(cli).exclude("^(?!.*(" + classes + ")).*$");
        if (cli.getIncludes().isEmpty()) {
            b.include("(" + classes + ")");
        }
        return b;
    }

    private static void preset(ChainedOptionsBuilder b, CommandLineOptions cli, int forks, int warmups, int measurements) {
        if (!cli.getForkCount().hasValue()) {
            b.forks(forks);
        }
        if (!cli.getWarmupIterations().hasValue()) {
            b.warmupIterations(warmups);
        }
        if (!cli.getWarmupTime().hasValue()) {
            b.warmupTime(TimeValue.seconds(1));
        }
        if (!cli.getMeasurementIterations().hasValue()) {
            b.measurementIterations(measurements);
        }
        if (!cli.getMeasurementTime().hasValue()) {
            b.measurementTime(TimeValue.seconds(1));
        }
    }

    private static Collection<RunResult> runIfAny(ChainedOptionsBuilder b) throws Exception {
        try {
            return new Runner(b.build()).run();
        } catch (org.openjdk.jmh.runner.NoBenchmarksException e) {
            return List.of();
        }
    }

    static void writeJson(Collection<RunResult> results, Path out) throws IOException {
        try (PrintStream ps = new PrintStream(Files.newOutputStream(out), true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
        }
    }
}
