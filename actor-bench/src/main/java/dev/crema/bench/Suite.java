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
 * </pre>
 *
 * <ul>
 *   <li>{@code quick} (about 4.5 minutes on 2 cores): the throughput benchmarks with
 *       {@code -f 1 -wi 4 -w 1s -i 3 -r 1s}, the idle-actor footprint with {@code -f 1 -wi 0 -i 3}
 *       (a footprint shot does not depend on the JIT, and each shot warms up inside).</li>
 *   <li>{@code full} (about 20 minutes): the settings in the benchmarks' annotations (2 forks, 8 x 1 s
 *       warm-up, 5 x 2 s measurement; footprint 2 forks x 5 shots).</li>
 * </ul>
 * Further arguments are JMH's own (a benchmark regex, {@code -p window=1,100}, {@code -prof gc}, ...);
 * explicit fork/iteration options override the preset. The JSON goes to {@code --out}, by default
 * {@code actor-bench/target/results/<mode>-<timestamp>.json}.
 */
public final class Suite {

    private static final String FOOTPRINT = "IdleFootprintBench";

    private Suite() {
    }

    /**
     * @param args {@code quick|full}, then {@code --out FILE} and JMH options
     * @throws Exception if JMH fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("quick") || args[0].equals("full"))) {
            System.err.println("usage: java -cp benchmarks.jar dev.crema.bench.Suite quick|full [--out FILE] [JMH options]");
            System.exit(2);
        }
        boolean quick = args[0].equals("quick");
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

        List<RunResult> results = new ArrayList<>();
        // 1. the throughput benchmarks
        ChainedOptionsBuilder throughput = new OptionsBuilder().parent(cli).exclude(FOOTPRINT);
        include.forEach(throughput::include);
        if (quick) {
            preset(throughput, cli, 1, 4, 3);
        }
        results.addAll(runIfAny(throughput));
        // 2. the idle-actor footprint (single shots)
        if (include.stream().anyMatch(r -> FOOTPRINT.matches(".*" + r + ".*") || ("dev.crema.bench.jmh."
                + FOOTPRINT + ".idleActors").matches(".*" + r + ".*"))) {
            // includes add up with the parent's: exclude everything else explicitly
            ChainedOptionsBuilder footprint = new OptionsBuilder().parent(cli).include(FOOTPRINT)
                    .exclude("^(?!.*" + FOOTPRINT + ").*$");
            if (quick) {
                preset(footprint, cli, 1, 0, 3);
            }
            results.addAll(runIfAny(footprint));
        }

        Files.createDirectories(out.toAbsolutePath().getParent());
        writeJson(results, out);
        System.out.println();
        System.out.println("JMH JSON: " + out);
        System.out.println();
        System.out.print(ResultsTable.render(List.of(ResultsTable.Json.parse(Files.readString(out)))));
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
