package dev.stratus.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One JMH result read back from its JSON: the benchmark, its parameters, score and allocation per operation. */
record Result(String benchmark, String mode, Map<String, String> params, double score, double error, String unit,
        double bytesPerOp, Map<String, Result> secondary) {

    static List<Result> read(final Path json) throws IOException {
        List<Result> results = new ArrayList<>();
        for (JsonNode run : Json.MAPPER.readTree(Files.readString(json))) {
            Map<String, String> params = new LinkedHashMap<>();
            run.path("params").properties().forEach(p -> params.put(p.getKey(), p.getValue().asText()));
            params.put("threads", run.path("threads").asText("1"));
            JsonNode primary = run.path("primaryMetric");
            JsonNode alloc = run.path("secondaryMetrics").path("gc.alloc.rate.norm");
            double bytes = alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble();
            String benchmark = run.path("benchmark").asText();
            String mode = run.path("mode").asText();
            Map<String, Result> secondary = new LinkedHashMap<>();
            run.path("secondaryMetrics").properties().forEach(m -> secondary.put(m.getKey(), new Result(
                    benchmark + ":" + m.getKey(), mode, params, m.getValue().path("score").asDouble(),
                    m.getValue().path("scoreError").asDouble(Double.NaN), m.getValue().path("scoreUnit").asText(),
                    bytes, Map.of())));
            results.add(new Result(benchmark, mode, params, primary.path("score").asDouble(),
                    primary.path("scoreError").asDouble(Double.NaN), primary.path("scoreUnit").asText(), bytes,
                    secondary));
        }
        return results;
    }

    /** The score as operations per second, whatever the mode: higher is always better. */
    double opsPerSecond() {
        String[] parts = unit.split("/");
        if (parts.length != 2) {
            return Double.NaN;
        }
        if (parts[1].equals("op")) {
            return 1.0 / (score * seconds(parts[0]));
        }
        return score / seconds(parts[1]);
    }

    /** Seconds per operation. */
    double secondsPerOp() {
        return 1.0 / opsPerSecond();
    }

    /** {@code Class.method}, the last two parts of the benchmark name. */
    String shortName() {
        String[] parts = benchmark.split("\\.");
        return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
    }

    String paramText() {
        StringBuilder text = new StringBuilder();
        params.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return text.toString();
    }

    private static double seconds(final String timeUnit) {
        return switch (timeUnit) {
            case "s" -> 1;
            case "ms" -> 1e-3;
            case "us" -> 1e-6;
            case "ns" -> 1e-9;
            case "min" -> 60;
            default -> Double.NaN;
        };
    }
}
