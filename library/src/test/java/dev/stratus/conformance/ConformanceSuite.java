package dev.stratus.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs one conformance suite (a corpus file such as {@code asl/cases.jsonl}) as JUnit dynamic tests, one per case,
 * then a summary test that prints {@code <suite> conformance: N passed, M failed, K skipped}, writes the JSON
 * report to {@code target/conformance/<suite with / as ->.json} and checks the known-failures list.
 *
 * <p>The corpus comes from {@code -Dstratus.conformance.dir} (default {@code ../shared/conformance} beside the
 * repo). A case that fails fails the build unless it is listed in
 * {@code src/test/resources/conformance/<suite with / as ->.txt} ({@code id<TAB>reason} lines); a listed case that
 * passes fails the build too, so the list only shrinks. {@code -Dstratus.conformance.reportOnly=true} only reports.
 */
public final class ConformanceSuite {
    private static final long CASE_TIMEOUT_SECONDS = 30;

    private final String suite;
    private final CaseRunner runner;
    private final Map<String, String> knownFailures;
    private final boolean reportOnly;
    private final List<Result> results = new ArrayList<>();

    private record Result(String id, String category, Verdict verdict) {
    }

    private ConformanceSuite(final String suite, final CaseRunner runner) {
        this.suite = suite;
        this.runner = runner;
        this.knownFailures = readKnownFailures(suite);
        this.reportOnly = Boolean.getBoolean("stratus.conformance.reportOnly");
    }

    /** The dynamic tests of {@code suite} (e.g. {@code "asl/cases"}), each case run through {@code runner}. */
    public static Stream<DynamicNode> run(final String suite, final CaseRunner runner) {
        return new ConformanceSuite(suite, runner).tests();
    }

    /** Where the corpus lives: {@code -Dstratus.conformance.dir}, else {@code ../shared/conformance}. */
    public static Path corpusDir() {
        String configured = System.getProperty("stratus.conformance.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (String candidate : List.of("../shared/conformance", "../../shared/conformance")) {
            Path path = Path.of(candidate).toAbsolutePath().normalize();
            if (Files.isDirectory(path)) {
                return path;
            }
        }
        return Path.of("../../shared/conformance").toAbsolutePath().normalize();
    }

    /** Every case of {@code suite}, or an empty list when its file is absent. */
    public static List<JsonNode> cases(final String suite) {
        Path file = corpusDir().resolve(suite + ".jsonl");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<JsonNode> cases = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    cases.add(Json.parse(line));
                }
            }
            return cases;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read conformance suite " + suite + " from " + file, e);
        }
    }

    private Stream<DynamicNode> tests() {
        Path file = corpusDir().resolve(suite + ".jsonl");
        if (!Files.isRegularFile(file)) {
            String message = suite + " conformance: skipped, no cases at " + file
                    + " (put the shared corpus at ../shared/conformance beside the repo,"
                    + " or set -Dstratus.conformance.dir)";
            return Stream.of(DynamicTest.dynamicTest(suite + " (absent)", () -> {
                System.out.println(message);
                Assumptions.abort(message);
            }));
        }
        List<JsonNode> cases = cases(suite);
        List<DynamicNode> tests = new ArrayList<>();
        for (JsonNode testCase : cases) {
            String id = testCase.path("id").asText();
            tests.add(DynamicTest.dynamicTest(id, () -> runCase(id, testCase)));
        }
        tests.add(DynamicTest.dynamicTest(suite + " summary", this::summarize));
        return tests.stream();
    }

    private void runCase(final String id, final JsonNode testCase) {
        Verdict verdict = runGuarded(testCase);
        synchronized (results) {
            results.add(new Result(id, category(testCase), verdict));
        }
        boolean known = knownFailures.containsKey(id);
        switch (verdict.status()) {
            case SKIPPED -> Assumptions.abort(verdict.reason());
            case FAILED -> {
                if (!known && !reportOnly) {
                    Assertions.fail(id + ": " + verdict.reason());
                }
            }
            case PASSED -> {
                if (known && !reportOnly) {
                    Assertions.fail(id + " passes but is listed in known failures of " + suite
                            + ": remove it from " + knownFailuresFile(suite).getFileName());
                }
            }
            default -> throw new IllegalStateException("status " + verdict.status());
        }
    }

    private Verdict runGuarded(final JsonNode testCase) {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(null, r, "conformance-case", 64L * 1024 * 1024);
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Verdict> future = executor.submit(() -> runner.run(testCase));
            return future.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return Verdict.failed("timed out after " + CASE_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            return Verdict.failed("threw " + stackHead(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.failed("interrupted");
        } finally {
            executor.shutdownNow();
        }
    }

    private void summarize() throws IOException {
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (Result result : results) {
            switch (result.verdict().status()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                default -> skipped++;
            }
        }
        System.out.println(suite + " conformance: " + passed + " passed, " + failed + " failed, "
                + skipped + " skipped");
        writeReport();
        List<String> stale = new ArrayList<>();
        for (String id : knownFailures.keySet()) {
            if (results.stream().noneMatch(r -> r.id().equals(id))) {
                stale.add(id);
            }
        }
        if (!stale.isEmpty() && !reportOnly) {
            Assertions.fail("known failures of " + suite + " name cases that do not exist: " + stale);
        }
    }

    private void writeReport() throws IOException {
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.put("suite", suite);
        ArrayNode array = report.putArray("cases");
        for (Result result : results) {
            ObjectNode entry = array.addObject();
            entry.put("id", result.id());
            entry.put("category", result.category());
            entry.put("status", result.verdict().status().name().toLowerCase(java.util.Locale.ROOT));
            entry.put("reason", result.verdict().reason());
        }
        Path dir = Path.of(System.getProperty("stratus.conformance.reportDir", "target/conformance"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(suite.replace('/', '-') + ".json"),
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report), StandardCharsets.UTF_8);
    }

    private static String category(final JsonNode testCase) {
        for (String field : List.of("category", "kind", "scope")) {
            if (testCase.hasNonNull(field)) {
                return testCase.get(field).asText();
            }
        }
        return "";
    }

    private static Path knownFailuresFile(final String suite) {
        String dir = System.getProperty("stratus.conformance.knownFailuresDir", "src/test/resources/conformance");
        return Path.of(dir).resolve(suite.replace('/', '-') + ".txt");
    }

    private static Map<String, String> readKnownFailures(final String suite) {
        Path file = knownFailuresFile(suite);
        Map<String, String> known = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return known;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                known.put(tab < 0 ? line.strip() : line.substring(0, tab), tab < 0 ? "" : line.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read known failures " + file, e);
        }
        return known;
    }

    private static String stackHead(final Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        String[] lines = text.toString().split("\n");
        return String.join(" | ", java.util.Arrays.asList(lines).subList(0, Math.min(4, lines.length)));
    }
}
