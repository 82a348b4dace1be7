package dev.stratus.bench.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * Sends JMH's full output to a log and prints one progress line per benchmark to the console: which benchmark,
 * how many are done and left, and JMH's own estimate of the time left.
 */
final class ProgressFormat implements OutputFormat {
    private static final Pattern ETA = Pattern.compile("# Run progress: [0-9.]+% complete, ETA (\\S+)");

    private final OutputFormat log;
    private final PrintStream console;
    private final int total;
    private int started;
    private String eta = "?";
    private final long startNanos = System.nanoTime();

    ProgressFormat(final OutputFormat log, final PrintStream console, final int total) {
        this.log = log;
        this.console = console;
        this.total = total;
    }

    @Override
    public void startBenchmark(final BenchmarkParams params) {
        started++;
        StringBuilder name = new StringBuilder(shortName(params.getBenchmark()));
        if (!params.getParamsKeys().isEmpty()) {
            name.append(" {");
            String separator = "";
            for (String key : params.getParamsKeys()) {
                name.append(separator).append(key).append('=').append(params.getParam(key));
                separator = ", ";
            }
            name.append('}');
        }
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000_000L;
        console.printf("[%d/%d, %d left] %s  (%ds elapsed, JMH's ETA %s)%n", started, total,
                Math.max(0, total - started), name, elapsed, eta);
        log.startBenchmark(params);
    }

    @Override
    public void endBenchmark(final BenchmarkResult result) {
        log.endBenchmark(result);
        if (result != null && result.getPrimaryResult() != null) {
            console.printf("      %.3f %s%n", result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreUnit());
        }
    }

    @Override
    public void println(final String text) {
        Matcher m = ETA.matcher(text);
        if (m.find()) {
            eta = m.group(1);
        }
        log.println(text);
    }

    private static String shortName(final String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    }

    @Override
    public void iteration(final BenchmarkParams benchParams, final IterationParams params, final int iteration) {
        log.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(final BenchmarkParams benchParams, final IterationParams params, final int iteration,
            final IterationResult data) {
        log.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startRun() {
        log.startRun();
    }

    @Override
    public void endRun(final Collection<RunResult> result) {
        log.endRun(result);
    }

    @Override
    public void print(final String text) {
        log.print(text);
    }

    @Override
    public void flush() {
        log.flush();
        console.flush();
    }

    @Override
    public void close() {
        log.close();
    }

    @Override
    public void verbosePrintln(final String text) {
        log.verbosePrintln(text);
    }

    @Override
    public void write(final int b) {
        log.write(b);
    }

    @Override
    public void write(final byte[] b) throws IOException {
        log.write(b);
    }
}
