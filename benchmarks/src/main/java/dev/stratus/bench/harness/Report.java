package dev.stratus.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Writes {@code report.md} for one run: each goal against its figures, the charts, and every result. */
final class Report {
    private Report() {
    }

    static Path write(final Path resultsJson, final Path dir) throws IOException {
        List<Result> results = Result.read(resultsJson);
        List<Goal.Outcome> outcomes = new ArrayList<>();
        Goals.ALL.forEach(goal -> outcomes.add(goal.evaluate(results)));

        StringBuilder md = new StringBuilder();
        md.append("# Stratus benchmark report\n\n");
        md.append("- date: ").append(LocalDate.now()).append('\n');
        md.append("- machine: ").append(cpu()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores\n");
        md.append("- JDK: ").append(jdk(resultsJson)).append('\n');
        md.append("- results: `").append(resultsJson.getFileName()).append("` (JMH JSON), full log `jmh.log`\n\n");

        long met = outcomes.stream().filter(o -> o.verdict().equals("met")).count();
        long missed = outcomes.stream().filter(o -> o.verdict().equals("missed")).count();
        md.append("## Goals\n\n").append(met).append(" met, ").append(missed).append(" missed, ")
                .append(outcomes.size() - met - missed).append(" not run or report-only.\n\n");
        md.append("| engine | goal | ours | baseline | ratio | target | verdict |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Goal.Outcome o : outcomes) {
            md.append("| ").append(o.goal().engine()).append(" | ").append(o.goal().text()).append(" | ")
                    .append(o.oursText()).append(" | ").append(o.baselineText()).append(" | ")
                    .append(o.ratioText()).append(" | ").append(o.targetText()).append(" | ")
                    .append(o.verdict()).append(" |\n");
        }

        md.append("\n## Charts\n\n");
        for (Path chart : Charts.ratios(outcomes, dir)) {
            md.append("![").append(chart.getFileName()).append("](").append(chart.getFileName()).append(")\n\n");
        }
        for (Goals.Curve curve : Goals.CURVES) {
            Path chart = Charts.curve(curve, results, dir);
            if (chart != null) {
                md.append("![").append(curve.title()).append("](").append(chart.getFileName()).append(")\n\n");
            }
        }

        md.append("## All results\n\n| benchmark | params | score | error | unit | B/op |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Result r : results) {
            md.append("| ").append(r.shortName()).append(" | ").append(r.paramText()).append(" | ")
                    .append(String.format("%.3f", r.score())).append(" | ")
                    .append(Double.isNaN(r.error()) ? "" : String.format("%.3f", r.error())).append(" | ")
                    .append(r.unit()).append(" | ")
                    .append(Double.isNaN(r.bytesPerOp()) ? "" : String.format("%.1f", r.bytesPerOp()))
                    .append(" |\n");
        }
        Path report = dir.resolve("report.md");
        Files.writeString(report, md.toString(), StandardCharsets.UTF_8);
        return report;
    }

    private static String jdk(final Path resultsJson) throws IOException {
        JsonNode runs = Json.MAPPER.readTree(Files.readString(resultsJson));
        if (runs.isEmpty()) {
            return System.getProperty("java.version");
        }
        JsonNode first = runs.get(0);
        return first.path("vmName").asText() + " " + first.path("jdkVersion").asText();
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }
}
