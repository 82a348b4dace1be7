package dev.stratus.bench.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the whole JMH suite (or the benchmarks matching {@code --include}) with settings chosen for a 2-core machine,
 * shows progress, and writes {@code results.json} (JMH's JSON), {@code jmh.log}, {@code report.md} and charts into
 * the output directory.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.stratus.bench.harness.BenchSuite quick [--include REGEX]... [--out DIR]
 * java -cp benchmarks/target/benchmarks.jar dev.stratus.bench.harness.BenchSuite report DIR/results.json
 * </pre>
 *
 * <p>Modes: {@code quick} (1 fork, 5 warm-up and 3 measured iterations of 1 s: about 10 minutes, for a first look)
 * and {@code full} (2 forks, 5 warm-up and 5 measured iterations of 2 s: about 35 minutes). Five warm-up seconds
 * because the States interpreter reaches its compiled steady state only after several seconds on 2 cores (one
 * iteration measured 0.16M transitions/s, the next 2.1M). Benchmarks run one at a time with one thread each unless
 * they declare their own thread groups: on 2 cores the second core stays free for the JIT and GC threads, which
 * keeps run-to-run noise down. Every run adds the GC profiler, so each
 * result carries {@code gc.alloc.rate.norm} (bytes per operation).
 */
public final class BenchSuite {

    /** Forks, warm-up and measurement of one mode. */
    record Mode(String name, int forks, int warmups, Duration warmupTime, int iterations, Duration iterationTime) {
    }

    static final Mode QUICK = new Mode("quick", 1, 5, Duration.ofSeconds(1), 3, Duration.ofSeconds(1));
    static final Mode FULL = new Mode("full", 2, 5, Duration.ofSeconds(2), 5, Duration.ofSeconds(2));

    /**
     * Every fork: the Agrona flag the balancer needs, and a fixed, pre-touched 2 GiB heap. On these VMs the first
     * touch of a heap page is expensive (a pre-touched 2 GiB heap takes ~3 s to start); with a heap that grows,
     * allocation-heavy benchmarks measured the page faults of a young generation being resized (the States chain ran
     * 0.45M transitions/s with a growing heap and 4.8M/s with a pre-touched one, no other change). A long-running
     * service allocates into pages it touched long ago, which is what a pre-touched heap reproduces.
     */
    static final String[] JVM_ARGS = {"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Xms2g", "-Xmx2g",
        "-XX:+AlwaysPreTouch"};

    /** Parameter values swept for the scaling curves, beyond the benchmarks' own defaults. */
    static final Map<String, String[]> SWEEPS = Map.of("flows", new String[] {"16384", "131072", "1048576"});

    /** Benchmarks also run with one thread, for the recording-vs-threads curve. */
    static final String THREAD_SWEEP = "MetricsRecordConcurrentBenchmark";

    private BenchSuite() {
    }

    /** Entry point; see the class comment for the arguments. */
    public static void main(final String... args) throws IOException, RunnerException {
        if (args.length == 2 && args[0].equals("report")) {
            Path results = Path.of(args[1]);
            Path report = Report.write(results, results.toAbsolutePath().getParent());
            System.out.println("report: " + report);
            return;
        }
        Mode mode = QUICK;
        List<String> includes = new ArrayList<>();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "quick" -> mode = QUICK;
                case "full" -> mode = FULL;
                case "--include" -> includes.add(requireValue(args, ++i, "--include"));
                case "--out" -> out = Path.of(requireValue(args, ++i, "--out"));
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]
                        + " (expected quick, full, --include REGEX, --out DIR, or report RESULTS.json)");
            }
        }
        if (includes.isEmpty()) {
            includes.add("dev\\.stratus\\.bench\\.(?!harness).*");
        }
        if (out == null) {
            out = Path.of("benchmarks", "results", LocalDate.now() + "-" + mode.name());
        }
        Files.createDirectories(out);
        run(mode, includes, out);
    }

    private static String requireValue(final String[] args, final int index, final String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    static void run(final Mode mode, final List<String> includes, final Path out) throws IOException,
            RunnerException {
        Path results = out.resolve("results.json");
        int total = countRuns(includes);
        ChainedOptionsBuilder options = settings(mode).result(results.toString());
        includes.forEach(options::include);
        SWEEPS.forEach(options::param);
        int threadRuns = countRuns(List.of(".*" + THREAD_SWEEP + ".*")) > 0 && matchesAny(includes, THREAD_SWEEP)
                ? countRuns(List.of(".*" + THREAD_SWEEP + ".*")) : 0;
        System.out.println("Stratus benchmarks, " + mode.name() + " mode: " + (total + threadRuns)
                + " runs, writing to " + out);
        Path threadResults = out.resolve("results-1-thread.json");
        try (PrintStream log = new PrintStream(Files.newOutputStream(out.resolve("jmh.log")), true, "UTF-8")) {
            OutputFormat jmhLog = OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL);
            new Runner(options.build(), new ProgressFormat(jmhLog, System.out, total + threadRuns)).run();
            if (threadRuns > 0) {
                // its own options: a parent's includes would be inherited and rerun the whole suite
                ChainedOptionsBuilder single = settings(mode).include(THREAD_SWEEP).threads(1)
                        .result(threadResults.toString());
                new Runner(single.build(), new ProgressFormat(jmhLog, System.out, threadRuns)).run();
                mergeInto(results, threadResults);
            }
        }
        Path report = Report.write(results, out);
        System.out.println("results: " + results);
        System.out.println("report:  " + report);
    }

    private static ChainedOptionsBuilder settings(final Mode mode) {
        return new OptionsBuilder()
                .forks(mode.forks())
                .warmupIterations(mode.warmups())
                .warmupTime(TimeValue.milliseconds(mode.warmupTime().toMillis()))
                .measurementIterations(mode.iterations())
                .measurementTime(TimeValue.milliseconds(mode.iterationTime().toMillis()))
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend(JVM_ARGS)
                .resultFormat(ResultFormatType.JSON)
                .shouldFailOnError(true);
    }

    private static boolean matchesAny(final List<String> includes, final String benchmark) {
        return includes.stream().anyMatch(regex -> java.util.regex.Pattern.compile(regex)
                .matcher("dev.stratus.bench.metrics." + benchmark + ".record").find());
    }

    private static void mergeInto(final Path results, final Path extra) throws IOException {
        com.fasterxml.jackson.databind.node.ArrayNode all = (com.fasterxml.jackson.databind.node.ArrayNode)
                dev.stratus.core.internal.Json.MAPPER.readTree(Files.readString(results));
        dev.stratus.core.internal.Json.MAPPER.readTree(Files.readString(extra)).forEach(all::add);
        Files.writeString(results, dev.stratus.core.internal.Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(all));
        Files.delete(extra);
    }

    /** Benchmark methods times their parameter combinations: the number of runs the progress counts. */
    static int countRuns(final List<String> includes) {
        SortedSet<BenchmarkListEntry> entries = BenchmarkList.defaultList()
                .find(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), includes, List.of());
        int total = 0;
        for (BenchmarkListEntry entry : entries) {
            int combinations = 1;
            if (entry.getParams().hasValue()) {
                for (Map.Entry<String, String[]> param : entry.getParams().get().entrySet()) {
                    String[] values = SWEEPS.getOrDefault(param.getKey(), param.getValue());
                    combinations *= Math.max(1, values.length);
                }
            }
            total += combinations;
        }
        return total;
    }
}
